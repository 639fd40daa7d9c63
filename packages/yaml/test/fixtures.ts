/**
 * Shared test inputs: a rubric that uses every construct of the YAML format.
 */

/**
 * A valid rubric using every construct of the format; it also passes the checker's totals
 * (lines matter: source-map tests point into it).
 */
export const FULL_YAML = `rubric: beijing-epidemic-free-community
title: 北京市无疫社区（村）创建工作量表
version: 1.10
description: 任意说明文字
effective:
  from: 2022-06-14
  until: 2022-06-30
replaces:
  version: "2022-05"
  mapping:
    - { from: [old_a, old_b], to: [checkpoint_24h], note: merged }
    - { from: [old_c], to: [] }
total: 110
facts:
  checkpoint_24h:
    label: 24小时卡口值守情况
    description: 卡口是否24小时有人值守、干部带班
    type: level
    levels: [full, partial, none]
  district_risk: { label: 所在区风险等级, type: level, levels: { low: 低, medium: 中, high: 高 } }
  four_piece_check_rate: { label: 四件套查验率, type: ratio }
  hotline_bad_count: { label: 办理不力的12345投诉件数, type: integer, min: 0 }
  score_adjust: { label: 调整, type: decimal, min: -5, max: 5.5, required: false, default: 0.5 }
  inspected_on: { label: 检查日期, type: date, required: false, default: 2022-06-14 }
  note: { label: 备注, type: text, default: "无" }
  reported: { label: 被通报, type: boolean, default: false }
  checkpoints:
    label: 卡口
    type: list
    required: false
    default:
      - { name: 东门, staffed_24h: true }
    fields:
      name: { label: 名称, type: text }
      staffed_24h: { label: 24小时值守, type: boolean }
      shifts: { label: 班次, type: integer, default: 3 }
parameters:
  pass_mark:
    label: 达标分数线
    value: 85
    overrides:
      - when: district_risk is low
        value: 80
  pcr_window_hours:
    description: PCR window
    history:
      - { from: 2022-05-01, until: 2022-06-05, value: 48 }
      - { from: 2022-06-06, value: 72 }
pass_mark: pass_mark
sections:
  - id: s1
    title: 严格卡口管理
    points: 20
    indicators:
      - id: checkpoint_24h
        title: 坚持24小时卡口值守
        standard: 24小时有人值守，干部带班
        method: 现场查看
        points: 10
        cases:
          - { when: checkpoint_24h is full, score: 10 }
          - { when: checkpoint_24h is partial, score: 5 }
      - id: four_piece_check
        title: 严格落实"四件套"查验措施
        points: 10
        score: round(10 * four_piece_check_rate, 0.5)
  - id: s2
    title: 台账
    indicators:
      - id: documents
        title: 台账资料
        points: 10
        checklist:
          mode: deduct
          items:
            - { id: defective_docs, title: 每份不合格台账, points: 5, count: hotline_bad_count }
      - id: extras
        title: 加分项
        points: 6
        checklist:
          mode: award
          items:
            - { id: reported_item, title: 通报, points: 6, when: reported }
      - id: fixed
        title: 固定分
        points: 4
        score: 4
      - id: penalised
        title: 其他
        points: 70
        cases:
          - when: true
            score: 70
        otherwise: -3
hard_requirements:
  - id: checkpoint_24h_full
    title: 24小时卡口值守须得满分
    indicator: checkpoint_24h
  - id: all_checkpoints_staffed
    title: 所有卡口24小时值守
    require: "all(checkpoints, staffed_24h)"
vetoes:
  - id: city_or_media_report
    reason: 卡口被市级通报或媒体曝光
    when: reported
deductions:
  - id: hotline
    reason: 涉疫12345热线投诉办理不及时或回访不满意
    per: hotline_bad_count
    amount: 1
    cap: 5
  - id: late_report
    reason: 未按时报送
    when: reported
    amount: 2
  - id: complaints
    reason: 视情扣分
    fact: checkpoints
    field: shifts
    range: [0.5, 2]
    cap: 6
deduction_cap: 10
floor: none
grades:
  - { label: 优秀, min: 95 }
  - { label: 良好, min: 85 }
tests:
  - name: full marks pass
    as_of: 2022-06-20
    subject: { id: c1, checkpoint_24h: full, four_piece_check_rate: 1, when: 2022-06-01, list: [1, { a: null }] }
    expect:
      outcome: pass
      total: 100
      pass_mark: 85
      indicators: { checkpoint_24h: 10 }
      reasons: [veto:city_or_media_report, hard:checkpoint_24h_full, below-pass-mark]
  - name: bare
    subject: {}
`;

/** A small valid rubric to mutate in tests. */
export const SMALL_YAML = `rubric: small
title: Small
version: "1"
effective: { from: 2022-01-01 }
total: 10
facts:
  rate: { label: Rate, type: ratio }
pass_mark: 6
sections:
  - id: s1
    title: Only
    indicators:
      - id: i1
        title: One
        points: 10
        score: 10 * rate
`;
