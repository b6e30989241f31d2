/** The people of the demo (DEMO.md). Fixed lists, so every seed gives the same names and ids. */

export const demoPassword = 'cograde-demo';

export const demoUsers = [
  { id: 'coordinator', username: 'coordinator', displayName: 'Kari Nordmann (coordinator)' },
  { id: 'examiner1', username: 'examiner1', displayName: 'Ola Hansen' },
  { id: 'examiner2', username: 'examiner2', displayName: 'Ingrid Berg' },
  { id: 'examiner3', username: 'examiner3', displayName: 'Lars Johansen' },
  { id: 'appeal1', username: 'appeal1', displayName: 'Marit Solberg' },
  { id: 'appeal2', username: 'appeal2', displayName: 'Per Haugen' },
  { id: 'supervisor', username: 'supervisor', displayName: 'Astrid Lie (grading supervisor)' },
] as const;
export type DemoUserId = (typeof demoUsers)[number]['id'];

export const displayNameOf = (id: DemoUserId): string =>
  demoUsers.find((u) => u.id === id)?.displayName ?? id;

/** INF1010's 40 candidates, 101–140, in order. */
export const inf1010Names = [
  'Emma Hansen',
  'Jakob Johansen',
  'Nora Olsen',
  'Filip Larsen',
  'Sofie Andersen',
  'Lukas Pedersen',
  'Ella Nilsen',
  'Emil Kristiansen',
  'Olivia Jensen',
  'Noah Karlsen',
  'Maja Johnsen',
  'Oskar Pettersen',
  'Ingrid Eriksen',
  'William Berg',
  'Sara Haugen',
  'Aksel Hagen',
  'Leah Johannessen',
  'Henrik Andreassen',
  'Frida Jacobsen',
  'Magnus Dahl',
  'Ada Jørgensen',
  'Elias Halvorsen',
  'Vilde Henriksen',
  'Sander Lund',
  'Hedda Sørensen',
  'Tobias Moen',
  'Astrid Gundersen',
  'Mathias Iversen',
  'Selma Strand',
  'Isak Solberg',
  'Tiril Svendsen',
  'Johannes Eide',
  'Thea Knutsen',
  'Kasper Martinsen',
  'Live Paulsen',
  'Sebastian Bakken',
  'Mathilde Kristoffersen',
  'Theodor Mathisen',
  'Julie Lie',
  'Adrian Amundsen',
] as const;

/** EXPHIL03's 12 candidates, 201–212. */
export const exphilNames = [
  'Eirik Nygård',
  'Ane Rasmussen',
  'Sindre Berge',
  'Marte Lunde',
  'Jonas Moe',
  'Silje Fredriksen',
  'Håkon Ellingsen',
  'Kristine Aas',
  'Even Myhre',
  'Ida Holm',
  'Martin Vik',
  'Hanna Brekke',
] as const;

/** A plausible six-digit student id, the same for the same candidate every time. */
export const studentIdOf = (examIndex: number, candidateIndex: number): string =>
  String(500_000 + ((examIndex * 7919 + candidateIndex * 104_729) % 499_999)).padStart(6, '0');
