/*
 * The pages of reporting by QR code, in Simplified Chinese: plain server-rendered HTML with its own
 * few lines of CSS, no script and nothing loaded from elsewhere, readable on a 360-px-wide phone.
 */

const CATEGORY_LABELS: Record<string, string> = {
  repairs: '维修',
  sanitation: '环境卫生',
  parking: '停车',
  safety: '安全隐患',
  neighbour_dispute: '邻里纠纷',
  property_service: '物业服务',
  elderly_help: '助老帮扶',
  other: '其他',
};

const STATUS_LABELS: Record<string, string> = {
  REPORTED: '已登记，等待受理',
  ACCEPTED: '已受理',
  IN_PROGRESS: '处理中',
  RESOLVED: '已解决',
  CLOSED: '已办结',
  ESCALATED: '已上报上级',
  REJECTED: '不予受理',
  REOPENED: '已重新处理',
};

const LEVEL_LABELS: Record<string, string> = {
  BUILDING_GROUP: '楼院党小组',
  BRANCH: '小区党支部',
  COMMUNITY: '社区',
  STREET: '街道',
};

export function categoryLabel(category: string): string {
  return CATEGORY_LABELS[category] ?? category;
}

function esc(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const CSS = `
*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,-apple-system,"PingFang SC","Noto Sans CJK SC",sans-serif;color:#222;background:#f6f6f6}
header{background:#c8161d;color:#fff;padding:14px 16px}header h1{margin:0;font-size:20px}header p{margin:4px 0 0;font-size:14px;opacity:.9}
main{padding:12px 16px;max-width:560px;margin:0 auto}label{display:block;margin:14px 0 4px;font-weight:600}
select,input,textarea{width:100%;font:inherit;padding:10px;border:1px solid #bbb;border-radius:6px;background:#fff}textarea{min-height:120px}
button{margin-top:18px;width:100%;padding:12px;font:inherit;font-weight:600;color:#fff;background:#c8161d;border:0;border-radius:6px}
.err{color:#b00020;font-size:14px;margin:4px 0 0}.box{background:#fff;border-radius:8px;padding:12px 14px;margin:12px 0}
.code{word-break:break-all;font-family:ui-monospace,monospace;background:#fff4e5;padding:8px;border-radius:6px}
ol{padding-left:20px}li{margin:6px 0}.muted{color:#666;font-size:14px}`;

function page(title: string, heading: string, sub: string, body: string): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="referrer" content="same-origin"><title>${esc(title)}</title><style>${CSS}</style></head>
<body><header><h1>${esc(heading)}</h1>${sub ? `<p>${esc(sub)}</p>` : ''}</header><main>${body}</main></body></html>`;
}

export interface FormPage {
  place: string;
  categories: readonly string[];
  values: Partial<Record<'category' | 'text' | 'location' | 'phone' | 'name', string>>;
  /** Field → message (Chinese); `form` for the whole form. */
  errors: Record<string, string>;
  csrf: string;
}

export function renderForm(p: FormPage): string {
  const v = (k: keyof FormPage['values']) => esc(p.values[k] ?? '');
  const err = (k: string) => (p.errors[k] ? `<p class="err" id="err-${k}">${esc(p.errors[k])}</p>` : '');
  const options = p.categories
    .map((c) => `<option value="${esc(c)}"${p.values.category === c ? ' selected' : ''}>${esc(categoryLabel(c))}</option>`)
    .join('');
  return page(
    '群众吹哨 · 反映问题',
    '群众吹哨 · 反映问题',
    p.place,
    `${err('form')}<form method="post" action="" accept-charset="utf-8">
<input type="hidden" name="csrf" value="${esc(p.csrf)}">
<label for="category">问题类别</label><select id="category" name="category" required><option value="">请选择</option>${options}</select>${err('category')}
<label for="text">问题描述</label><textarea id="text" name="text" maxlength="2000" required placeholder="请简要说明发生了什么">${v('text')}</textarea>${err('text')}
<label for="location">具体位置</label><input id="location" name="location" maxlength="200" value="${v('location')}" placeholder="如：3号楼2单元楼道">${err('location')}
<label for="phone">联系电话（用于回访）</label><input id="phone" name="phone" type="tel" inputmode="tel" maxlength="20" required value="${v('phone')}">${err('phone')}
<label for="name">称呼（选填）</label><input id="name" name="name" maxlength="50" value="${v('name')}">${err('name')}
<button type="submit">提交</button></form>
<p class="muted">您的电话仅用于工作人员回访，不会公开。</p>`,
  );
}

export interface TrackedIssue {
  category: string;
  status: string;
  level: string;
  reportedAt: string;
  rejectionReason: string | null;
  steps: Array<{ toStatus: string; level: string; at: string }>;
}

function time(iso: string): string {
  // Shown in China Standard Time (UTC+8, no daylight saving).
  const d = new Date(Date.parse(iso) + 8 * 3_600_000);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`;
}

export function renderTracking(issue: TrackedIssue, link: string, fresh: boolean): string {
  const steps = issue.steps
    .map(
      (s) =>
        `<li><span class="muted">${esc(time(s.at))}</span> ${esc(STATUS_LABELS[s.toStatus] ?? s.toStatus)}（${esc(LEVEL_LABELS[s.level] ?? s.level)}）</li>`,
    )
    .join('');
  const thanks = fresh
    ? `<div class="box" id="saved"><p><strong>提交成功，感谢您的反映！</strong></p><p>请保存下面的查询链接，凭它查看办理进度（链接只给您，请勿转发）：</p><p class="code" id="tracking-link">${esc(link)}</p></div>`
    : '';
  return page(
    '办理进度',
    '办理进度',
    `${categoryLabel(issue.category)} · 登记于 ${time(issue.reportedAt)}`,
    `${thanks}<div class="box"><p>当前状态：<strong id="status">${esc(STATUS_LABELS[issue.status] ?? issue.status)}</strong></p>
<p>当前办理层级：<span id="level">${esc(LEVEL_LABELS[issue.level] ?? issue.level)}</span></p>
${issue.rejectionReason ? `<p>说明：${esc(issue.rejectionReason)}</p>` : ''}</div>
<div class="box"><p><strong>办理经过</strong></p><ol id="steps">${steps}</ol></div>
${fresh ? '' : `<p><a href="${esc(link)}">刷新</a></p>`}`,
  );
}

export function renderMessage(heading: string, text: string): string {
  return page(heading, heading, '', `<div class="box"><p id="message">${esc(text)}</p></div>`);
}
