/**
 * The seven kinds of help of the "147" method (一张联户卡、联户4类群众、解决7项内容). The article names
 * the count, not the items: these are the ones such linkage cards commonly list; each community
 * edits its own list.
 */
export const DEFAULT_HELP_ITEMS: readonly string[] = ['政策宣传', '走访慰问', '生活帮扶', '就医协助', '矛盾调解', '安全排查', '诉求代办'];
