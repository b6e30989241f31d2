/**
 * Readable, different answers for every demo candidate: each manual question has sentences at three
 * levels of quality; a candidate's level and choice of sentences follow from their number alone.
 */

/** mulberry32: a tiny seeded generator, so the demo is the same on every machine. */
export const seededRandom = (seed: number) => {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

export type Level = 'strong' | 'fair' | 'weak';

const pools: Record<string, Record<Level, readonly string[]>> = {
  q3: {
    strong: [
      'Encapsulation means that an object keeps its state private and exposes only the operations that keep that state valid.',
      'In Java I make the fields private and offer methods such as deposit() that check the amount before changing the balance.',
      'This way the class can change its internal representation later without breaking the code that uses it.',
      'Getters should not simply hand out mutable internals; I return a copy of the list instead.',
    ],
    fair: [
      'Encapsulation is about hiding the data inside a class.',
      'You use private fields and public get and set methods.',
      'It makes the program safer because other classes cannot change the variables directly.',
    ],
    weak: [
      'Encapsulation is when a class is inside another class.',
      'I think it is used to make the code shorter.',
      'An example is public static void main.',
    ],
  },
  q4: {
    strong: [
      'An interface describes what a type can do, while an abstract class can also share state and code between its subclasses.',
      'A class can implement many interfaces but extend only one class, so I use interfaces for roles like Comparable.',
      'Since Java 8 interfaces may have default methods, but they still cannot hold instance fields.',
    ],
    fair: [
      'An abstract class can have normal methods, an interface only has abstract methods.',
      'You can implement several interfaces.',
      'Both cannot be instantiated with new.',
    ],
    weak: [
      'An interface is the graphical part of the program.',
      'Abstract classes are classes that are not finished yet.',
    ],
  },
  q5: {
    strong: [
      'I let Book and Journal extend an abstract Publication with title, year and an abstract loanPeriod().',
      'A Loan refers to one Publication and one Borrower and knows its due date, so the rules for lending sit in one place.',
      'The Library keeps a Map from id to Publication, which gives constant-time lookup when a loan is returned.',
      'Journal overrides loanPeriod() to return 7 days, which shows polymorphism instead of a type switch.',
    ],
    fair: [
      'I make a class Publication and let Book and Journal inherit from it.',
      'Loan has a book and a person and a date.',
      'The library has an ArrayList of all the books.',
    ],
    weak: [
      'I would make one class Library with all the variables.',
      'Book has title and the loan is a boolean.',
    ],
  },
  q6: {
    strong: [
      'Each Node holds an element and a reference to the next node; the list keeps a reference to the first node and a size.',
      'insertFirst creates a node whose next is the old head and makes it the new head, which is O(1).',
      'remove walks the list with a previous pointer and relinks previous.next past the removed node, handling the head as a special case.',
      'I throw NoSuchElementException when the element is not found rather than returning null.',
    ],
    fair: [
      'The list is made of nodes that point to the next node.',
      'To insert first, the new node points to the head and becomes the head.',
      'To remove I loop until I find the node, but I forgot the case where it is the first one.',
    ],
    weak: [
      'A linked list is like an array but slower.',
      'I would use ArrayList.remove to remove an element.',
    ],
  },
  q7: {
    strong: [
      'Checked exceptions must be declared or caught and suit conditions the caller can recover from, like an insufficient balance.',
      'Unchecked exceptions signal programming errors, such as a negative amount, and should not be caught everywhere.',
      'My withdraw() throws an InsufficientFundsException carrying the missing amount, and the bank catches it to show the customer a message.',
      'I use try-with-resources for the transaction log so the file is closed even when an exception is thrown.',
    ],
    fair: [
      'Checked exceptions have to be handled with try and catch, unchecked do not.',
      'If there is not enough money I throw an exception.',
      'The main method catches the exception and prints the error.',
    ],
    weak: [
      'Exceptions are errors that crash the program.',
      'I would catch Exception in every method so that the program never stops.',
    ],
  },
  q8: {
    strong: [
      'I declare class Bag<T> implements Iterable<T>, so the element type is checked at compile time and no casts are needed.',
      'iterator() returns an inner class that keeps the index of the next element and implements hasNext() and next().',
      'With Iterable the bag works in a for-each loop, and next() throws NoSuchElementException at the end.',
      'A bounded type such as <T extends Comparable<T>> would let me add a max() method.',
    ],
    fair: [
      'Generics let the class work with different types, written as <T>.',
      'I implement Iterable and write an iterator with hasNext and next.',
      'Then I can use a for-each loop over the bag.',
    ],
    weak: [
      'Generics means that the method is general.',
      'I would use a normal for loop instead of an iterator.',
    ],
  },
};

export const manualQuestionIds = Object.keys(pools);

/** Multiple-choice answers for Q1–Q2 (R18): the choice letter. */
export const choiceOf = (candidateNumber: number, questionIndex: number): string => {
  const random = seededRandom(candidateNumber * 31 + questionIndex);
  return ['A', 'B', 'C', 'D'][Math.floor(random() * 4)] ?? 'A';
};

export const levelOf = (candidateNumber: number): Level => {
  const r = seededRandom(candidateNumber * 7 + 3)();
  return r < 0.35 ? 'strong' : r < 0.8 ? 'fair' : 'weak';
};

/** A few sentences for a manual question, picked and ordered by the candidate's own seed. */
export const answerText = (
  candidateNumber: number,
  questionId: string,
  level: Level = levelOf(candidateNumber),
): string => {
  const pool = pools[questionId]?.[level] ?? [];
  const random = seededRandom(candidateNumber * 1009 + questionId.charCodeAt(1) * 17);
  const chosen = pool.filter(() => random() < 0.8);
  return (chosen.length > 0 ? chosen : pool).join(' ');
};
