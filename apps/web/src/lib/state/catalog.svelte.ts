import { type DocRef, parseDocName } from '@cograde/domain';
import { z } from 'zod';
import { ApiError, api } from '../api.ts';

export const docEntrySchema = z.object({
  docName: z.string(),
  access: z.enum(['read', 'write']),
  title: z.string().default(''),
});

/** `GET /api/docs`: `{ docs: [{ name, access, title, … }] }` (a bare list with `docName` is read too). */
const docsResponseSchema = z
  .union([
    z.object({
      docs: z.array(
        z.object({ name: z.string(), access: z.enum(['read', 'write']), title: z.string().default('') }),
      ),
    }),
    z.array(docEntrySchema),
  ])
  .transform((body) =>
    Array.isArray(body)
      ? body
      : body.docs.map(({ name, access, title }) => ({ docName: name, access, title })),
  );
export type DocEntry = z.infer<typeof docEntrySchema> & { ref: DocRef };

const catalogKey = 'cograde:docs';

const withRefs = (entries: z.infer<typeof docEntrySchema>[]): DocEntry[] =>
  entries.flatMap((e) => {
    const ref = parseDocName(e.docName);
    return ref === null ? [] : [{ ...e, ref }];
  });

/** The documents the user may open, as the server lists them; the last list is kept for offline starts. */
class Catalog {
  entries: DocEntry[] = $state([]);
  loaded = $state(false);
  fromCache = $state(false);

  async load() {
    // The last list at once (a cold start renders from it), the server's list once it answers.
    if (!this.loaded) {
      const cached = this.cached();
      if (cached.length > 0) {
        this.entries = cached;
        this.loaded = true;
      }
    }
    try {
      const list = await api('/api/docs', docsResponseSchema);
      localStorage.setItem(catalogKey, JSON.stringify(list));
      this.entries = withRefs(list);
      this.fromCache = false;
    } catch (e) {
      if (!(e instanceof ApiError) || e.reason !== 'offline') throw e;
      this.entries = this.cached();
      this.fromCache = true;
    }
    this.loaded = true;
  }

  /** The list kept from the last time the server answered. */
  cached(): DocEntry[] {
    try {
      const parsed = z.array(docEntrySchema).safeParse(JSON.parse(localStorage.getItem(catalogKey) ?? '[]'));
      return parsed.success ? withRefs(parsed.data) : [];
    } catch {
      return [];
    }
  }

  ofKind<K extends DocRef['kind']>(kind: K): Array<DocEntry & { ref: Extract<DocRef, { kind: K }> }> {
    return this.entries.filter(
      (e): e is DocEntry & { ref: Extract<DocRef, { kind: K }> } => e.ref.kind === kind,
    );
  }

  clear() {
    localStorage.removeItem(catalogKey);
    this.entries = [];
    this.loaded = false;
  }
}

export const catalog = new Catalog();
