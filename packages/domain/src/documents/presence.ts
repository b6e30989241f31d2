import type { DocKind } from './doc-names.ts';

/**
 * R9: whether presence (awareness) is shared among a document's connections. Only where everyone who can
 * open the document may know who else is there: a commission's own document and a private one. The exam
 * document is opened by every commission of the exam and the appeal record by the appeal and the third
 * commission, so presence there would name the ordinary examiners to the appeal examiners; the server
 * drops presence sent on those.
 */
export const presenceShared = (kind: DocKind): boolean => kind === 'commission' || kind === 'private';
