/**
 * Shared test inputs: a rubric using every construct of the DSL (the same rubric as the
 * YAML front end's FULL_YAML fixture; test/dsl checks that both give one IR), and a small one.
 * Lines matter: source-map and diagnostic tests point into them.
 */

/** Every construct of the language, with comments. */
export const FULL_DSL = `# A rubric that uses every construct of the language.
rubric beijing-epidemic-free-community "北京市无疫社区（村）创建工作量表"
  version "1.10"
  description "任意说明文字"
  effective from 2022-06-14 until 2022-06-30
  replaces "2022-05"
    [old_a, old_b] -> [checkpoint_24h] "merged"
    [old_c] -> []
  total 110 points

fact checkpoint_24h "24小时卡口值守情况" level full | partial | none
  description "卡口是否24小时有人值守、干部带班"
fact district_risk "所在区风险等级" level low "低" | medium "中" | high "高"
fact four_piece_check_rate "四件套查验率" ratio
fact hotline_bad_count "办理不力的12345投诉件数" integer at least 0
fact score_adjust "调整" decimal from -5 to 5.5, default 0.5
fact inspected_on "检查日期" date, default 2022-06-14
fact note "备注" text, default "无"
fact reported "被通报" boolean, default false   # a yes/no fact
fact checkpoints "卡口" list, default [{name: "东门", staffed_24h: true}]
  field name "名称" text
  field staffed_24h "24小时值守" boolean
  field shifts "班次" integer, default 3

parameter pass_mark "达标分数线"
  value 85
    when district_risk is low -> 80
parameter pcr_window_hours
  description "PCR window"
  value 48 from 2022-05-01 until 2022-06-05
  value 72 from 2022-06-06

pass mark pass_mark

section s1 "严格卡口管理" 20 points

  indicator checkpoint_24h "坚持24小时卡口值守" 10 points
    standard "24小时有人值守，干部带班"
    method "现场查看"
    when checkpoint_24h is full -> 10
    when checkpoint_24h is partial -> 5
    otherwise -> 0

  indicator four_piece_check "严格落实\\"四件套\\"查验措施" 10 points
    score round(10 * four_piece_check_rate, 0.5)

section s2 "台账"

  indicator documents "台账资料" 10 points
    checklist deduct
      item defective_docs "每份不合格台账" 5 points per hotline_bad_count

  indicator extras "加分项" 6 points
    checklist award
      item reported_item "通报" 6 points when reported

  indicator fixed "固定分" 4 points
    score 4

  indicator penalised "其他" 70 points
    when true -> 70
    otherwise -> -3

hard requirement checkpoint_24h_full "24小时卡口值守须得满分" requires full marks on checkpoint_24h
hard requirement all_checkpoints_staffed "所有卡口24小时值守" requires all(checkpoints, staffed_24h)

veto city_or_media_report "卡口被市级通报或媒体曝光" when reported

deduct hotline "涉疫12345热线投诉办理不及时或回访不满意" 1 point per hotline_bad_count, at most 5
deduct late_report "未按时报送" 2 points when reported
deduct complaints "视情扣分" 0.5 to 2 points recorded in checkpoints.shifts, at most 6
deductions at most 10
floor none

grade "优秀" at least 95
grade "良好" at least 85

test "full marks pass" as of 2022-06-20
  subject {id: c1, checkpoint_24h: full, four_piece_check_rate: 1, when: 2022-06-01, list: [1, {a: null}]}
  expect outcome pass, total 100, pass mark 85
  expect indicators {checkpoint_24h: 10}
  expect reasons ["veto:city_or_media_report", "hard:checkpoint_24h_full", "below-pass-mark"]

test "bare"
  subject {}
`;

/** A small valid rubric to mutate in tests. */
export const SMALL_DSL = `rubric small "Small"
  version "1"
  effective from 2022-01-01
  total 10 points

fact rate "Rate" ratio

pass mark 6

section s1 "Only"

  indicator i1 "One" 10 points
    score 10 * rate
`;

/** A small rubric with one of most things, for diagnostics tests (the same as test/rubric/fixtures/mini.yaml). */
export const MINI_DSL = `# A small scale
rubric mini "Mini scale"
  version "1"
  effective from 2022-06-14
  total 20 points

fact duty "Duty" level full | partial | none
fact rate "Rate" ratio
fact complaints "Complaints" integer at least 0
fact risk "Risk" level low | high
fact exposed "Exposed" boolean

parameter pass_mark
  value 15
    when risk is low -> 12   # low-risk districts

pass mark pass_mark

section s1 "Part one" 20 points

  indicator duty "Duty" 10 points
    when duty is full -> 10
    when duty is partial -> 5
    otherwise -> 0

  indicator rate "Rate" 10 points
    score round(10 * rate, 0.5)

hard requirement duty_full "Duty at full marks" requires full marks on duty
veto exposure "Exposed by media" when exposed
deduct hotline "Complaints" 1 point per complaints, at most 5
`;
