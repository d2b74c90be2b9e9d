import type { Rng } from './rng';

/*
 * Fictional people: common surnames with given names drawn from ordinary characters. Any match with
 * a real person is chance; the demo never uses the names the articles print.
 */
const SURNAMES = [
  ...'王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁薛叶余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔毛邱秦江史顾侯邵孟龙万段雷钱汤黎易常武乔贺赖龚文',
];
const FEMALE = [
  ...'丽芳娟敏静秀英华慧巧美娜淑惠珠翠雅芝玉萍红娥玲芬燕彩春菊兰凤洁梅琳素云莲真环雪荣爱妹霞香月莺媛艳瑞凡佳嘉琼勤珍贞莉桂娣叶璧璐娅琦晶妍茜秋珊莎锦黛青倩婷姣婉娴瑾颖露瑶怡婵雁蓓纨仪荷丹蓉眉君琴蕊薇菁梦岚苑婕馨瑗琰韵融园艺咏卿聪澜纯毓悦昭冰爽琬茗羽希宁欣飘育滢馥筠柔竹霭凝晓欢霄枫芸菲寒伊亚宜可姬舒影荔枝思丽',
];
const MALE = [
  ...'伟刚勇毅俊峰强军平保东文辉力明永健世广志义兴良海山仁波宁贵福生龙元全国胜学祥才发武新利清飞彬富顺信子杰涛昌成康星光天达安岩中茂进林有坚和彪博诚先敬震振壮会思群豪心邦承乐绍功松善厚庆磊民友裕河哲江超浩亮政谦亨奇固之轮翰朗伯宏言若鸣朋斌梁栋维启克伦翔旭鹏泽晨辰士以建家致树炎德行时泰盛雄琛钧冠策腾楠榕风航弘',
];

export type DemoGender = 'FEMALE' | 'MALE';

export function personName(rng: Rng, gender: DemoGender): string {
  const pool = gender === 'FEMALE' ? FEMALE : MALE;
  const given = rng.chance(0.7) ? rng.pick(pool) + rng.pick(pool) : rng.pick(pool);
  return rng.pick(SURNAMES) + given;
}
