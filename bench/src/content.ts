/** Document content shared by all three servers: same roots, keys and values as a Cograde commission. */
import type * as Y from 'yjs';

export const questions = Array.from({ length: 10 }, (_, i) => `q${i + 1}`);
export const pairCandidate = '1001';
export const coldCandidates = Array.from({ length: 300 }, (_, i) => String(3001 + i));

const comment = (c: string) =>
  `Candidate ${c}: the answer explains the idea clearly, but the second part misses the edge case of an empty list.`;
const explanation = (c: string) =>
  `Grade for ${c}: solid understanding of encapsulation and interfaces; the code answers work with small gaps. The iterator and the exception design lack detail, which costs points on Q7 and Q8.`;

/** 300 candidates × 10 questions fully marked, with a comment and an explanation for every candidate. */
export const fillCold = (doc: Y.Doc) => {
  const marks = doc.getMap<number>('marks');
  const texts = doc.getMap<string>('texts');
  for (const c of coldCandidates) {
    questions.forEach((q, i) => {
      marks.set(`${c}:${q}`, (Number(c) + i) % 11);
    });
    texts.set(`${c}:comment`, comment(c));
    texts.set(`${c}:explanation`, explanation(c));
  }
};
