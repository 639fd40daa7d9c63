// The ceiling: the Beijing rubric written by hand as one JavaScript function, the way a
// careful developer would embed it in a service. It validates its input, scores with exact
// integer arithmetic (points in halves; ratios as integer millionths), and returns the same
// result object as the engine (deep-equal on valid subjects; its error messages for invalid
// data are worded differently). Texts (titles, reasons) are read from the rubric once, as a
// developer would paste them in; the scoring logic is hard-coded.

const LEVELS = new Set(['full', 'partial', 'none']);
const RISKS = new Set(['low', 'medium', 'high']);
const RATIOS = ['four_piece_check_rate', 'ledger_update_rate', 'garbage_sorting_rate'];
const BOOLEANS = [
  'checkpoint_facilities_ok',
  'checkpoint_disinfection_ok',
  'guard_protection_ok',
  'public_disinfection_ok',
  'party_coordination_ok',
  'checkpoint_reported_by_city_or_media',
  'case_with_management_lapse',
];
const LEVEL_FACTS = ['checkpoint_24h', 'service_staff_access', 'quarantine_management', 'publicity', 'property_management', 'emergency_system'];
const KNOWN = new Set(['id', 'name', ...RATIOS, ...BOOLEANS, ...LEVEL_FACTS, 'hotline_bad_count', 'district_risk']);

/** A ratio in [0, 1] as integer millionths, exactly; slow path for more than six decimals. */
function millionths(r) {
  const m = Math.round(r * 1e6);
  if (m / 1e6 === r) return m;
  // More than six decimals: round(2k·r, 1) from the exact decimal text (rare; exact).
  return null;
}

/** Half-points of round(k·r, 0.5), half away from zero, for 0 ≤ r ≤ 1. */
function roundedHalves(k, r) {
  const m = millionths(r);
  if (m !== null) return Math.floor((2 * k * m + 500000) / 1000000);
  const [int, frac = ''] = String(r).split('.');
  if (/e/i.test(String(r))) throw new Error(`ratio ${r} written with an exponent`);
  const scale = 10n ** BigInt(frac.length);
  const n = BigInt(int + frac) * BigInt(2 * k);
  return Number((2n * n + scale) / (2n * scale));
}

/** `level is full → 10, partial → half, else 0`, in halves. */
function levelHalves(v, max) {
  return v === 'full' ? 2 * max : v === 'partial' ? max : 0;
}

/** Builds the hand-written evaluator for the Beijing rubric (IR for its texts, and its content hash). */
export function handWritten(rubric, hash) {
  const veto = Object.fromEntries(rubric.vetoes.map((v) => [v.id, `one-vote veto: ${v.reason}`]));
  const hard = rubric.hardRequirements[0];
  const hardMessage = `hard requirement not met: ${hard.title}`;
  const hotline = rubric.deductions[0];
  const about = { id: rubric.id, version: rubric.version, hash };
  const passLow = rubric.parameters[0].periods[0].overrides[0];

  const invalid = (id, errors, asOf) => ({
    format: 'rubric-result/1',
    id,
    outcome: 'invalid',
    total: null,
    sections: {},
    indicators: {},
    deductions: [],
    deductionTotal: 0,
    passMark: null,
    passMarkSource: null,
    hardRequirementsFailed: [],
    vetoes: [],
    reasons: [],
    grade: null,
    errors,
    asOf,
    rubric: { ...about },
  });

  function check(s) {
    const errors = [];
    for (const k of Object.keys(s)) if (!KNOWN.has(k)) errors.push({ path: `/${k}`, code: 'data/unknown-field', message: `unknown field \`${k}\`` });
    for (const k of LEVEL_FACTS) if (!LEVELS.has(s[k])) errors.push({ path: `/${k}`, code: 'data/not-allowed', message: `\`${k}\` must be full, partial or none` });
    for (const k of BOOLEANS) if (typeof s[k] !== 'boolean') errors.push({ path: `/${k}`, code: 'data/wrong-type', message: `\`${k}\` must be true or false` });
    for (const k of RATIOS) {
      const r = s[k];
      if (typeof r !== 'number' || !(r >= 0 && r <= 1)) errors.push({ path: `/${k}`, code: 'data/out-of-range', message: `\`${k}\` must be a number from 0 to 1` });
    }
    const c = s.hotline_bad_count;
    if (!Number.isSafeInteger(c) || c < 0) errors.push({ path: '/hotline_bad_count', code: 'data/out-of-range', message: '`hotline_bad_count` must be a whole number ≥ 0' });
    if (!RISKS.has(s.district_risk)) errors.push({ path: '/district_risk', code: 'data/not-allowed', message: '`district_risk` must be low, medium or high' });
    const id = s.id;
    if (id !== undefined && typeof id !== 'string' && !Number.isSafeInteger(id)) errors.push({ path: '/id', code: 'data/wrong-type', message: '`id` must be text or a whole number' });
    if (s.name !== undefined && typeof s.name !== 'string') errors.push({ path: '/name', code: 'data/wrong-type', message: '`name` must be text' });
    return errors;
  }

  const ratio = (r) => typeof r === 'number' && r >= 0 && r <= 1;
  const level = (v) => v === 'full' || v === 'partial' || v === 'none';
  /** The quick test; the errors are worked out only for a subject that fails it. */
  function valid(s) {
    for (const k in s) {
      switch (k) {
        case 'id': case 'name': case 'checkpoint_24h': case 'four_piece_check_rate': case 'checkpoint_facilities_ok':
        case 'service_staff_access': case 'checkpoint_disinfection_ok': case 'guard_protection_ok': case 'ledger_update_rate':
        case 'quarantine_management': case 'publicity': case 'garbage_sorting_rate': case 'public_disinfection_ok':
        case 'property_management': case 'party_coordination_ok': case 'emergency_system':
        case 'checkpoint_reported_by_city_or_media': case 'case_with_management_lapse': case 'hotline_bad_count': case 'district_risk':
          break;
        default:
          return false;
      }
    }
    const id = s.id;
    const risk = s.district_risk;
    const count = s.hotline_bad_count;
    return (
      level(s.checkpoint_24h) &&
      level(s.service_staff_access) &&
      level(s.quarantine_management) &&
      level(s.publicity) &&
      level(s.property_management) &&
      level(s.emergency_system) &&
      typeof s.checkpoint_facilities_ok === 'boolean' &&
      typeof s.checkpoint_disinfection_ok === 'boolean' &&
      typeof s.guard_protection_ok === 'boolean' &&
      typeof s.public_disinfection_ok === 'boolean' &&
      typeof s.party_coordination_ok === 'boolean' &&
      typeof s.checkpoint_reported_by_city_or_media === 'boolean' &&
      typeof s.case_with_management_lapse === 'boolean' &&
      ratio(s.four_piece_check_rate) &&
      ratio(s.ledger_update_rate) &&
      ratio(s.garbage_sorting_rate) &&
      typeof count === 'number' && count % 1 === 0 && count >= 0 && count <= Number.MAX_SAFE_INTEGER &&
      (risk === 'low' || risk === 'medium' || risk === 'high') &&
      (id === undefined || typeof id === 'string' || (typeof id === 'number' && id % 1 === 0)) &&
      (s.name === undefined || typeof s.name === 'string')
    );
  }

  return function evaluate(s, asOf) {
    const id = typeof s.id === 'string' && s.id !== '' ? s.id : Number.isSafeInteger(s.id) ? String(s.id) : null;
    if (!valid(s)) return invalid(id, check(s), asOf);

    // Indicators in half-points.
    const c24 = levelHalves(s.checkpoint_24h, 10);
    const four = roundedHalves(10, s.four_piece_check_rate);
    const facilities = s.checkpoint_facilities_ok ? 12 : 0;
    const service = levelHalves(s.service_staff_access, 6);
    const disinfection = s.checkpoint_disinfection_ok ? 12 : 0;
    const guard = s.guard_protection_ok ? 12 : 0;
    const ledger = roundedHalves(10, s.ledger_update_rate);
    const quarantine = levelHalves(s.quarantine_management, 10);
    const publicity = levelHalves(s.publicity, 6);
    const garbage = roundedHalves(6, s.garbage_sorting_rate);
    const publicDis = s.public_disinfection_ok ? 12 : 0;
    const property = levelHalves(s.property_management, 6);
    const party = s.party_coordination_ok ? 12 : 0;
    const emergency = levelHalves(s.emergency_system, 6);
    const s1 = c24 + four + facilities + service + disinfection + guard;
    const s2 = ledger + quarantine + publicity;
    const s3 = garbage + publicDis + property + party + emergency;
    const raw = s1 + s2 + s3;

    // Deduction: 1 point per complaint, at most 5.
    const uncapped = 2 * s.hotline_bad_count;
    const deducted = Math.min(uncapped, 10);
    const deductions = deducted > 0 ? [{ id: hotline.id, reason: hotline.reason, amount: deducted / 2, uncapped: uncapped / 2 }] : [];
    const total = Math.max(raw - deducted, 0);

    const vetoes = [];
    const reasons = [];
    if (s.checkpoint_reported_by_city_or_media) {
      vetoes.push('city_or_media_report');
      reasons.push({ key: 'veto:city_or_media_report', kind: 'veto', id: 'city_or_media_report', message: veto.city_or_media_report });
    }
    if (s.case_with_management_lapse) {
      vetoes.push('case_spread_lapse');
      reasons.push({ key: 'veto:case_spread_lapse', kind: 'veto', id: 'case_spread_lapse', message: veto.case_spread_lapse });
    }
    const hardFailed = [];
    if (c24 !== 20) {
      hardFailed.push(hard.id);
      reasons.push({ key: `hard:${hard.id}`, kind: 'hard-requirement', id: hard.id, message: hardMessage });
    }
    const low = s.district_risk === 'low';
    const passMark = low ? 80 : 85;
    if (total < 2 * passMark) {
      reasons.push({ key: 'below-pass-mark', kind: 'below-pass-mark', message: `total ${total / 2} is below the pass mark ${passMark}` });
    }
    return {
      format: 'rubric-result/1',
      id,
      outcome: vetoes.length > 0 ? 'vetoed' : reasons.length > 0 ? 'fail' : 'pass',
      total: total / 2,
      sections: { s1: s1 / 2, s2: s2 / 2, s3: s3 / 2 },
      indicators: {
        checkpoint_24h: c24 / 2,
        four_piece_check: four / 2,
        checkpoint_facilities: facilities / 2,
        service_staff_access: service / 2,
        checkpoint_disinfection: disinfection / 2,
        guard_protection: guard / 2,
        population_ledger: ledger / 2,
        quarantine_management: quarantine / 2,
        publicity: publicity / 2,
        garbage_sorting: garbage / 2,
        public_disinfection: publicDis / 2,
        property_management: property / 2,
        party_coordination: party / 2,
        emergency_system: emergency / 2,
      },
      deductions,
      deductionTotal: deducted / 2,
      passMark,
      passMarkSource: low ? { parameter: 'pass_mark', period: {}, override: 0, when: 'district_risk is low' } : { parameter: 'pass_mark', period: {} },
      hardRequirementsFailed: hardFailed,
      vetoes,
      reasons,
      grade: null,
      errors: [],
      asOf,
      rubric: { id: about.id, version: about.version, hash: about.hash },
    };
  };
}

/** The same rubric by hand, computing only the outcome and total (no result object, no validation): how much of the cost is the result itself. */
export function handWrittenMinimal() {
  return function score(s) {
    const lv = (v, max) => (v === 'full' ? 2 * max : v === 'partial' ? max : 0);
    const raw =
      lv(s.checkpoint_24h, 10) +
      roundedHalves(10, s.four_piece_check_rate) +
      (s.checkpoint_facilities_ok ? 12 : 0) +
      lv(s.service_staff_access, 6) +
      (s.checkpoint_disinfection_ok ? 12 : 0) +
      (s.guard_protection_ok ? 12 : 0) +
      roundedHalves(10, s.ledger_update_rate) +
      lv(s.quarantine_management, 10) +
      lv(s.publicity, 6) +
      roundedHalves(6, s.garbage_sorting_rate) +
      (s.public_disinfection_ok ? 12 : 0) +
      lv(s.property_management, 6) +
      (s.party_coordination_ok ? 12 : 0) +
      lv(s.emergency_system, 6);
    const total = Math.max(raw - Math.min(2 * s.hotline_bad_count, 10), 0);
    const outcome =
      s.checkpoint_reported_by_city_or_media || s.case_with_management_lapse
        ? 'vetoed'
        : s.checkpoint_24h !== 'full' || total < (s.district_risk === 'low' ? 160 : 170)
          ? 'fail'
          : 'pass';
    return { outcome, total: total / 2 };
  };
}
