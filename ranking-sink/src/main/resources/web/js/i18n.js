// Labels in Chinese and English, and display names of model stages, dimensions and indicators (from /api/v1/models).

const LABELS = {
  title: { zh: '企业创新积分 实时看板', en: 'Enterprise innovation points — live dashboard' },
  navBoards: { zh: '排行榜', en: 'Leaderboards' },
  navFeed: { zh: '变动动态', en: 'Change feed' },
  navLag: { zh: '消费延迟', en: 'Consumer lag' },
  navRejections: { zh: '拒收数据', en: 'Rejected inputs' },
  navCredit: { zh: '分档支持', en: 'Credit lists' },
  credit: { zh: '银行分档支持（实时名单）', en: 'Bank credit programmes (live list)' },
  creditProgramme: { zh: '支持计划', en: 'Programme' },
  creditList: { zh: '授信名单与额度（元）', en: 'Credit list and amounts (yuan)' },
  creditBudget: { zh: '预算', en: 'budget' },
  creditAllocated: { zh: '已分配', en: 'allocated' },
  creditCandidates: { zh: '入选企业', en: 'enterprises' },
  creditAmount: { zh: '额度（元）', en: 'Amount (yuan)' },
  noCreditProgrammes: { zh: '暂无可查看的支持计划', en: 'No credit programme you may read' },
  navReleases: { zh: '正式发布', en: 'Releases' },
  releases: { zh: '期间正式结果', en: 'Official period releases' },
  noReleases: { zh: '暂无正式发布', en: 'No release yet' },
  releasePeriod: { zh: '期间', en: 'Period' },
  releaseAsOf: { zh: '截至', en: 'As of' },
  releaseCutOff: { zh: '数据截止', en: 'Data cut-off' },
  releaseModel: { zh: '模型', en: 'Model' },
  releaseClose: { zh: '结算并发布', en: 'Close period' },
  releasePublished: { zh: '已发布新版本', en: 'new version published' },
  releaseUnchanged: { zh: '结果未变，沿用最新版本', en: 'results unchanged, latest version stands' },
  releaseEvents: { zh: '计入事件', en: 'events counted' },
  releaseVersion: { zh: '版本', en: 'Version' },
  releaseVersions: { zh: '已发布版本', en: 'Released versions' },
  releaseStages: { zh: '阶段分布', en: 'Stage distribution' },
  releaseIntensity: { zh: '研发投入强度（%）', en: 'R&D intensity (%)' },
  releaseMean: { zh: '均值', en: 'mean' },
  releaseMedian: { zh: '中位数', en: 'median' },
  releaseAll: { zh: '全部', en: 'all' },
  releaseTop: { zh: '前', en: 'Top' },
  releaseLiveRank: { zh: '当前实时排名', en: 'Live rank now' },
  releaseLiveOnly: { zh: '实时榜新进', en: 'new in live top' },
  releaseChanges: { zh: '相对上一版本的变化', en: 'Changes from' },
  langToggle: { zh: 'English', en: '中文' },
  token: { zh: '访问令牌', en: 'Access token' },
  signIn: { zh: '登录', en: 'Sign in' },
  signOut: { zh: '退出', en: 'Sign out' },
  myEnterprise: { zh: '本企业', en: 'My enterprise' },
  publicNote: { zh: '公开视图：仅显示已发布的排行榜。登录后可查看企业详情、变动与延迟。',
    en: 'Public view: published leaderboards only. Sign in to see enterprises, changes and lag.' },
  redacted: { zh: '不公开', en: 'withheld' },
  redactedHint: { zh: '财务数值需企业授权', en: 'Financial values need the enterprise\'s consent' },
  role_zone_admin: { zh: '园区管理员', en: 'Zone admin' },
  role_operator: { zh: '运维', en: 'Operator' },
  role_bank: { zh: '银行', en: 'Bank' },
  role_enterprise: { zh: '企业', en: 'Enterprise' },
  role_public: { zh: '公众', en: 'Public' },
  langToggleAria: { zh: '切换到英文', en: 'Switch to Chinese' },
  scope: { zh: '范围', en: 'Scope' },
  stage: { zh: '阶段', en: 'Stage' },
  all: { zh: '全部', en: 'All' },
  leaderboards: { zh: '各阶段排行榜', en: 'Leaderboards by stage and scope' },
  noBoards: { zh: '暂无排行榜数据', en: 'No leaderboards yet' },
  rank: { zh: '名次', en: 'Rank' },
  enterprise: { zh: '企业', en: 'Enterprise' },
  total: { zh: '总分', en: 'Total' },
  tier: { zh: '档次', en: 'Tier' },
  cohortSize: { zh: '同组企业数', en: 'Cohort size' },
  updated: { zh: '更新于', en: 'Updated' },
  revision: { zh: '版本', en: 'Revision' },
  liveFeed: { zh: '实时变动', en: 'Live ranking changes' },
  noChanges: { zh: '暂无变动', en: 'No changes yet' },
  lag: { zh: '消费延迟（各消费组）', en: 'Consumer lag (every group)' },
  group: { zh: '消费组', en: 'Group' },
  status: { zh: '状态', en: 'Status' },
  lagRecords: { zh: '延迟条数', en: 'Lag (records)' },
  lagSeconds: { zh: '延迟秒数', en: 'Lag (seconds)' },
  members: { zh: '成员', en: 'Members' },
  noLag: { zh: '暂无消费组数据', en: 'No consumer groups sampled yet' },
  sampledAt: { zh: '采样时间', en: 'Sampled at' },
  rejections: { zh: '接入拒收数据（最新）', en: 'Inputs rejected by ingest (newest)' },
  noRejections: { zh: '暂无拒收数据', en: 'No rejected inputs' },
  rejectedAt: { zh: '拒收时间', en: 'Rejected at' },
  provider: { zh: '数据提供方', en: 'Provider' },
  eventType: { zh: '事件类型', en: 'Event type' },
  eventId: { zh: '事件编号', en: 'Event id' },
  fieldErrors: { zh: '字段错误', en: 'Field errors' },
  connected: { zh: '实时连接', en: 'Live' },
  disconnected: { zh: '连接中断，正在重连', en: 'Disconnected, reconnecting' },
  back: { zh: '返回看板', en: 'Back to the dashboard' },
  creditCode: { zh: '统一社会信用代码', en: 'Credit code' },
  zone: { zh: '园区', en: 'Zone' },
  industry: { zh: '行业', en: 'Industry' },
  model: { zh: '模型', en: 'Model' },
  asOf: { zh: '时点', en: 'As of' },
  ranks: { zh: '排名', en: 'Ranks' },
  cohort: { zh: '同组', en: 'Cohort' },
  publishedRank: { zh: '发布名次', en: 'Published rank' },
  liveRank: { zh: '实时名次', en: 'Live rank' },
  percentile: { zh: '百分位', en: 'Percentile' },
  breakdown: { zh: '维度得分', en: 'Points by dimension' },
  indicators: { zh: '指标明细', en: 'Indicators' },
  indicator: { zh: '指标', en: 'Indicator' },
  dimension: { zh: '维度', en: 'Dimension' },
  rawValue: { zh: '原始值', en: 'Raw value' },
  unit: { zh: '单位', en: 'Unit' },
  points: { zh: '得分', en: 'Points' },
  maxPoints: { zh: '满分', en: 'Max' },
  history: { zh: '得分与名次走势', en: 'Score and rank history' },
  totalHistory: { zh: '总分', en: 'Total points' },
  rankHistory: { zh: '名次', en: 'Rank' },
  explanations: { zh: '每次变化的原因', en: 'Why each change happened' },
  kind: { zh: '类型', en: 'Kind' },
  causes: { zh: '触发事件', en: 'Cause events' },
  deltas: { zh: '指标得分变化', en: 'Indicator point changes' },
  previous: { zh: '之前', en: 'Before' },
  after: { zh: '之后', en: 'After' },
  delta: { zh: '变化', en: 'Change' },
  none: { zh: '无', en: 'none' },
  rankingChanges: { zh: '排名变动记录', en: 'Ranking changes' },
  whatIf: { zh: '模拟测算（What-if）', en: 'What-if' },
  whatIfHint: {
    zh: '修改指标原始值，按当前同组分布和同一评分模型测算得分与名次；并给出进入前 N 名的最小单项改变。',
    en: 'Change raw indicator values to see points and ranks under the same model and the current cohort; also shows the smallest single change that reaches the top N.',
  },
  topN: { zh: '前 N 名', en: 'Top N' },
  calculate: { zh: '测算', en: 'Calculate' },
  reset: { zh: '重置', en: 'Reset' },
  newTotal: { zh: '测算总分', en: 'What-if total' },
  newRank: { zh: '测算名次', en: 'What-if rank' },
  alreadyTop: { zh: '已在前 {n} 名（第 {rank} 名）', en: 'Already in the top {n} (rank {rank})' },
  cheapest: { zh: '最小改变', en: 'Cheapest change' },
  cheapestText: {
    zh: '将「{ind}」从 {from} 调整到 {to} {unit}（{rel}），总分 {total}，名次 {rank}',
    en: 'Take “{ind}” from {from} to {to} {unit} ({rel}): total {total}, rank {rank}',
  },
  unreachable: { zh: '任何单项改变都无法进入前 {n} 名', en: 'No single change reaches the top {n}' },
  threshold: { zh: '第 N 名分数线', en: 'N-th total' },
  options: { zh: '各指标所需改变', en: 'Required change per indicator' },
  required: { zh: '所需值', en: 'Required value' },
  relative: { zh: '相对改变', en: 'Relative change' },
  reason: { zh: '原因', en: 'Reason' },
  shifted: { zh: '同组中 {n} 家企业的百分位得分随之变化', en: '{n} other cohort members’ percentile points shift too' },
  reason_CAPPED: { zh: '已达上限，无法单靠此项进入', en: 'Capped: not enough on its own' },
  reason_NOT_A_RAW_VALUE: { zh: '按资质等级计分，不可直接修改', en: 'Scored by credential level; not editable' },
  reason_NO_PENALTY: { zh: '无可消除的扣分', en: 'No penalty to remove' },
  reason_NOT_ENOUGH: { zh: '消除扣分仍不足以进入', en: 'Removing the penalty is not enough' },
  reason_UNSUPPORTED: { zh: '不支持该计分方式', en: 'Scorer not supported' },
  notChangeable: { zh: '按资质等级计分，不可直接修改', en: 'Scored by credential level; not editable' },
  missing: { zh: '缺失', en: 'missing' },
  notFound: { zh: '未找到该企业', en: 'Enterprise not found' },
  loading: { zh: '加载中…', en: 'Loading…' },
  error: { zh: '出错了', en: 'Error' },
  notRanked: { zh: '未参与排名', en: 'Not ranked' },
  lastChange: { zh: '最近一次排名变动', en: 'Last ranking change' },
};

const SCOPES = {
  zone: { zh: '园区', en: 'Zone' },
  nation: { zh: '全国', en: 'Nation' },
  industry: { zh: '行业', en: 'Industry' },
};

const CHANGE_KINDS = {
  MOVED: { zh: '名次变动', en: 'Moved' },
  ENTERED_TOP_N: { zh: '进入前N名', en: 'Entered top N' },
  EXITED_TOP_N: { zh: '跌出前N名', en: 'Left top N' },
  TIER_CHANGED: { zh: '档次变化', en: 'Tier changed' },
  STAGE_CHANGED: { zh: '阶段变化', en: 'Stage changed' },
  JOINED: { zh: '加入排名', en: 'Joined' },
  LEFT: { zh: '退出排名', en: 'Left' },
};

const EXPLANATION_KINDS = {
  DATA: { zh: '企业数据', en: 'Own data' },
  TIME: { zh: '时间推移', en: 'Time passed' },
  STAGE: { zh: '阶段变化', en: 'Stage change' },
  MODEL: { zh: '模型版本', en: 'Model version' },
  COHORT: { zh: '同组变化', en: 'Cohort moved' },
};

const STATUS = {
  OK: { zh: '正常', en: 'OK' },
  WARN: { zh: '延迟增长', en: 'Lag growing' },
  STALL: { zh: '停滞', en: 'Stalled' },
  STOP: { zh: '已停止', en: 'Stopped' },
  ERROR: { zh: '错误', en: 'Error' },
};

let lang = localStorage.getItem('innopoints.lang') === 'en' ? 'en' : 'zh';
const listeners = [];
const names = { stage: new Map(), dimension: new Map(), indicator: new Map() };
let models = [];

export function currentLang() {
  return lang;
}

export function setLang(next) {
  lang = next === 'en' ? 'en' : 'zh';
  localStorage.setItem('innopoints.lang', lang);
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  listeners.forEach((fn) => fn(lang));
}

export function onLangChange(fn) {
  listeners.push(fn);
}

function pick(entry, fallback) {
  if (!entry) return fallback;
  return entry[lang] || entry.en || entry.zh || fallback;
}

/** A UI label, with {placeholders} filled from vars. */
export function t(key, vars = {}) {
  let text = pick(LABELS[key], key);
  for (const [k, v] of Object.entries(vars)) {
    text = text.replaceAll(`{${k}}`, v);
  }
  return text;
}

export const scopeName = (id) => pick(SCOPES[id], id);
export const roleName = (id) => t(`role_${String(id).replace('-', '_')}`);
export const changeKindName = (id) => pick(CHANGE_KINDS[id], id);
export const explanationKindName = (id) => pick(EXPLANATION_KINDS[id], id);
export const statusName = (id) => pick(STATUS[id], id);

/** Registers the models' names; later models do not override names of earlier ones with the same id. */
export function setModels(list) {
  models = list;
  for (const m of list) {
    for (const s of m.stages) if (!names.stage.has(s.id)) names.stage.set(s.id, s.names);
    for (const d of m.dimensions) if (!names.dimension.has(d.id)) names.dimension.set(d.id, d.names);
    for (const i of m.indicators) if (!names.indicator.has(i.id)) names.indicator.set(i.id, i.names);
  }
}

/** The model by id and version; by id alone when the version is not loaded. */
export function findModel(id, version) {
  return models.find((m) => m.id === id && m.version === version) || models.find((m) => m.id === id) || null;
}

export const stageName = (id) => pick(names.stage.get(id), id);
export const dimensionName = (id) => pick(names.dimension.get(id), id);
export const indicatorName = (id) => pick(names.indicator.get(id), id);

/** "zone:ZONE-A:growth" as "园区 ZONE-A · 成长期". */
export function cohortName(cohortId) {
  const [scope, value, stage] = String(cohortId).split(':');
  if (stage === undefined) return cohortId;
  return `${scopeName(scope)} ${value} · ${stageName(stage)}`;
}

export function formatNumber(v, digits = 2) {
  if (v === null || v === undefined || Number.isNaN(v)) return '—';
  return Number(v).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-US', {
    minimumFractionDigits: 0,
    maximumFractionDigits: digits,
  });
}

export function formatTime(iso) {
  if (!iso) return '—';
  const d = new Date(iso);
  return d.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB', { timeZone: 'Asia/Shanghai', hour12: false });
}

export function formatUnit(unit) {
  const units = {
    '10k CNY': { zh: '万元', en: '10k CNY' },
    persons: { zh: '人', en: 'persons' },
    items: { zh: '项', en: 'items' },
    'yes/no': { zh: '是/否', en: 'yes/no' },
    years: { zh: '年', en: 'years' },
  };
  return pick(units[unit], unit || '');
}
