/**
 * Reading a document parses what it holds (zod, at the edge), and a screen asks the same question many
 * times per change: the grading list asks for every candidate's status, which reads the exam, the
 * commission's info and each candidate's entries. These helpers remember the answers while the inputs
 * are the same objects (a document and its version), so a change is parsed once, not once per reader.
 */

/** The last value computed, kept while every key is the same (`Object.is`) as last time. */
export const lastValue = <V>() => {
  let keys: readonly unknown[] | null = null;
  let value: V;
  return (current: readonly unknown[], compute: () => V): V => {
    if (keys === null || keys.length !== current.length || keys.some((k, i) => !Object.is(k, current[i]))) {
      value = compute();
      keys = current;
    }
    return value;
  };
};

/** A read whose answers are kept by their (string) arguments; for an accessor of one document version. */
export const rememberRead = <A extends readonly string[], R>(read: (...args: A) => R) => {
  const answers = new Map<string, R>();
  return (...args: A): R => {
    const key = args.join('\u0000');
    if (answers.has(key)) return answers.get(key) as R;
    const value = read(...args);
    answers.set(key, value);
    return value;
  };
};
