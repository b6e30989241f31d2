import {
  type Actor,
  type CandidateNumber,
  type Commission,
  checkCommissionComposition,
  docName,
  type Exam,
  idSchema,
  type Member,
} from '@cograde/domain';
import { membersOf, type NewAppealMember } from '../appeals/register-appeal.ts';
import { ApiError } from '../http/api-error.ts';
import type { Clock, DocWriter } from '../ports.ts';
import { refreshProgress } from '../progress/index.ts';
import type { Repository } from '../storage/repository.ts';
import { candidateSetups, commissionDocName, workOf, writeCommissionDoc } from './commission-doc.ts';

export type CommissionDeps = { repo: Repository; writer: DocWriter; clock: Clock };
export type CommissionInput = {
  name: string;
  members: readonly NewAppealMember[];
  candidates: readonly CandidateNumber[];
};

/**
 * An id the commission keeps for life: the exam's id, `-`, and the name with no `-` in it (`K 2` → `K_2`).
 * The name's part is the last `-` segment, so no name reaches another exam's ids (`2-K1` in exam `x` against
 * `K1` in exam `x-2`) nor the appeal ids (`<exam>-A-<candidate>`, R9). An id past 64 characters is refused
 * rather than cut, since cutting would give two names one id.
 */
export const commissionIdFor = (examId: string, name: string) => {
  const slug =
    name
      .trim()
      .replace(/[^A-Za-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '') || 'commission';
  const id = `${examId}-${slug}`;
  if (!idSchema.safeParse(id).success) throw new ApiError('idTooLong', id);
  return id;
};

const sameMember = (a: Member, b: Member) =>
  a.affiliation === b.affiliation && a.firstTime === b.firstTime && a.extra === b.extra;

/** Unknown, repeated or already-assigned candidates are refused before anything is checked against R17. */
const checkCandidates = async (
  repo: Repository,
  exam: Exam,
  commissionId: string,
  candidates: readonly CandidateNumber[],
) => {
  const known = new Map((await repo.exams.candidates(exam.id)).map((c) => [c.number, c]));
  const seen = new Set<string>();
  for (const number of candidates) {
    if (!known.has(number)) throw new ApiError('candidateNotInExam', `candidate ${number}`);
    if (seen.has(number)) throw new ApiError('duplicateCandidate', `candidate ${number}`);
    seen.add(number);
  }
  const others = (await repo.commissions.ofExam(exam.id)).filter(
    (c) => c.purpose === 'ordinary' && c.id !== commissionId,
  );
  const elsewhere = new Set(others.flatMap((c) => c.candidates));
  const taken = candidates.filter((n) => elsewhere.has(n));
  if (taken.length > 0) throw new ApiError('candidateInOtherCommission', `candidates ${taken.join(', ')}`);
  return candidates.map((n) => known.get(n) ?? { number: n });
};

/**
 * Grading has started: a candidate with any work (marks, texts, confirmations, a grade, a hold) stays,
 * and a member who confirmed a grade or holds individual marks (R3) stays; everything else may change.
 */
const checkRemovals = async (writer: DocWriter, before: Commission, after: Commission) => {
  const removed = before.candidates.filter((n) => !after.candidates.includes(n));
  const busy = await writer.read(commissionDocName(before.id), (doc) => {
    const work = workOf(doc);
    return removed.flatMap((n) => {
      const done = work.get(n);
      return done === undefined ? [] : [`${n} (${done.join(', ')})`];
    });
  });
  if (busy.length > 0) throw new ApiError('candidateHasWork', busy.join('; '));
  const gone = before.members.filter((m) => !after.members.some((a) => a.userId === m.userId));
  for (const member of gone) {
    const confirmed = await writer.read(commissionDocName(before.id), (doc) =>
      [...doc.getMap('confirmations').keys()].some((key) => key.endsWith(`:${member.userId}`)),
    );
    const ownMarks = await writer.read(
      docName({ kind: 'private', commissionId: before.id, userId: member.userId }),
      (doc) =>
        before.candidates.some((n) => [...doc.getMap('marks').keys()].some((k) => k.startsWith(`${n}:`))),
    );
    if (confirmed || ownMarks) throw new ApiError('memberHasWork', member.userId);
  }
};

/**
 * Forms a new ordinary commission (`before` null) or changes one. Refused with every R17 problem when
 * the composition breaks the rule; writes the relational record (which the access directory reads, so
 * the new members get the document at once), the commission document's info and candidates, the audit
 * log (R21), and recounts the exam's progress document with the commission in it.
 */
export const saveCommission = async (
  deps: CommissionDeps,
  actor: Actor,
  exam: Exam,
  before: Commission | null,
  input: CommissionInput,
): Promise<Commission> => {
  const { repo, writer } = deps;
  const id = before?.id ?? commissionIdFor(exam.id, input.name);
  if (before === null && (await repo.commissions.byId(id)) !== null) {
    throw new ApiError('commissionExists', input.name);
  }
  if (before !== null && before.purpose !== 'ordinary')
    throw new ApiError('notOrdinaryCommission', before.id);
  const candidates = await checkCandidates(repo, exam, id, input.candidates);
  const named = await membersOf(deps, input.members);
  // An extra examiner appointed on disagreement (R7) stays; the form edits the grading members.
  const extra = before?.members.filter((m) => m.extra) ?? [];
  const members = [...named.filter((m) => !extra.some((e) => e.userId === m.userId)), ...extra];
  const composition = checkCommissionComposition({
    examKind: exam.kind,
    purpose: 'ordinary',
    members,
    candidates,
    regradingExaminers: await regradingExaminersOf(repo, exam.id, before),
  });
  if (!composition.ok) {
    // R17: every problem, so that the coordinator can mend them in one go.
    const [first = { reason: composition.reason }, ...rest] =
      'problems' in composition ? composition.problems : [];
    throw ApiError.listing([first, ...rest]);
  }
  const commission: Commission = {
    id,
    examId: exam.id,
    name: input.name.trim(),
    purpose: 'ordinary',
    members,
    candidates: [...input.candidates].sort((a, b) => Number(a) - Number(b) || a.localeCompare(b)),
    // A split naming someone no longer a member is dropped (R4).
    split: Object.fromEntries(
      Object.entries(before?.split ?? {}).filter(([, userId]) => members.some((m) => m.userId === userId)),
    ),
  };
  if (before !== null) await checkRemovals(writer, before, commission);

  const setups = await candidateSetups(repo, exam, commission.candidates);
  // The record first: a refusal there leaves no document behind.
  await repo.commissions.put(commission);
  await writeCommissionDoc(writer, commission, (n) => setups.get(n) ?? { attended: true, auto: {} });
  await repo.audit.append({
    at: deps.clock.now(),
    actorId: actor.userId,
    action: 'commissionSaved',
    examId: exam.id,
    commissionId: id,
    detail: {
      step: before === null ? 'formed' : 'changed',
      name: commission.name,
      members: commission.members.map((m) => ({
        userId: m.userId,
        affiliation: m.affiliation,
        firstTime: m.firstTime,
        ...(m.extra ? { extra: true } : {}),
      })),
      ...changes(before, commission),
    },
  });
  await refreshProgress(deps, exam.id, [id]);
  return commission;
};

/**
 * R9: who re-grades each appealed candidate: the appeal examiners, and the third grading's examiners other
 * than the ordinary commission's own members (R10 may put an ordinary examiner in the third grading).
 */
const regradingExaminersOf = async (repo: Repository, examId: string, before: Commission | null) => {
  const commissions = new Map((await repo.commissions.ofExam(examId)).map((c) => [c.id, c]));
  const own = new Set(before?.members.map((m) => m.userId) ?? []);
  const examinersIn = (id: string | undefined) =>
    id === undefined ? [] : (commissions.get(id)?.members ?? []);
  return new Map(
    (await repo.appeals.ofExam(examId)).map((a) => [
      a.candidate,
      [
        ...examinersIn(a.appealCommissionId).map((m) => m.userId),
        ...examinersIn(a.thirdCommissionId)
          .map((m) => m.userId)
          .filter((id) => !own.has(id)),
      ],
    ]),
  );
};

/** What changed, for the audit log: candidates and members added and removed, members whose flags changed. */
const changes = (before: Commission | null, after: Commission) => {
  if (before === null) return { candidates: after.candidates };
  const ids = (ms: readonly Member[]) => ms.map((m) => m.userId);
  return {
    candidatesAdded: after.candidates.filter((n) => !before.candidates.includes(n)),
    candidatesRemoved: before.candidates.filter((n) => !after.candidates.includes(n)),
    membersAdded: ids(after.members).filter((u) => !ids(before.members).includes(u)),
    membersRemoved: ids(before.members).filter((u) => !ids(after.members).includes(u)),
    membersChanged: after.members
      .filter((m) => {
        const was = before.members.find((b) => b.userId === m.userId);
        return was !== undefined && !sameMember(was, m);
      })
      .map((m) => m.userId),
  };
};

/**
 * "Split evenly": the exam's candidates that no ordinary commission holds yet go, in number order, each
 * to the commission with the fewest, so every commission ends up within one of the others. Candidates
 * already placed stay where they are: moving them could take work away from a commission.
 */
export const splitEvenly = (
  commissions: readonly Pick<Commission, 'id' | 'candidates'>[],
  examCandidates: readonly CandidateNumber[],
): Map<string, CandidateNumber[]> => {
  const out = new Map(commissions.map((c) => [c.id, [...c.candidates]]));
  const placed = new Set(commissions.flatMap((c) => c.candidates));
  for (const number of examCandidates) {
    if (placed.has(number)) continue;
    let target: string | undefined;
    for (const [id, list] of out)
      if (target === undefined || list.length < (out.get(target)?.length ?? 0)) target = id;
    if (target !== undefined) out.get(target)?.push(number);
  }
  return out;
};
