/**
 * Every reason a rule can refuse, in one table. The server maps a reason to an HTTP status and a
 * WebSocket refusal; the web app maps it to the user's language. Add a reason here, never inline.
 */
export const reasons = {
  // access
  forbidden: { status: 403, en: 'You do not have access to this.', nb: 'Du har ikke tilgang til dette.' },
  readOnly: {
    status: 403,
    en: 'You may read this document but not change it.',
    nb: 'Du kan lese dette dokumentet, men ikke endre det.',
  },
  notFound: { status: 404, en: 'Not found.', nb: 'Finnes ikke.' },
  notReadyForGrading: {
    status: 403,
    en: 'The exam is not ready for grading yet: answers are hidden until the submission deadline has passed.',
    nb: 'Eksamen er ikke klar for sensur ennå: besvarelsene er skjult til innleveringsfristen er ute.',
  },
  // document shape
  unknownRoot: {
    status: 422,
    en: 'The change touches a part of the document that does not exist.',
    nb: 'Endringen gjelder en del av dokumentet som ikke finnes.',
  },
  badKey: {
    status: 422,
    en: 'The change uses a key that the document does not allow.',
    nb: 'Endringen bruker en nøkkel som dokumentet ikke tillater.',
  },
  badValue: {
    status: 422,
    en: 'The change has a value of the wrong shape.',
    nb: 'Endringen har en verdi med feil form.',
  },
  serverOnly: {
    status: 403,
    en: 'Only the server writes this part of the document.',
    nb: 'Bare serveren skriver denne delen av dokumentet.',
  },
  unknownCandidate: {
    status: 422,
    en: 'No such candidate in this commission.',
    nb: 'Ingen slik kandidat i denne kommisjonen.',
  },
  unknownQuestion: {
    status: 422,
    en: 'No such question in this exam.',
    nb: 'Ingen slik oppgave i denne eksamenen.',
  },
  pointsOutOfRange: {
    status: 422,
    en: 'Points must be between 0 and the question’s maximum.',
    nb: 'Poeng må være mellom 0 og oppgavens maksimum.',
  },
  undecodable: { status: 400, en: 'The update could not be decoded.', nb: 'Oppdateringen kunne ikke leses.' },
  tooLarge: {
    status: 413,
    en: 'The message is larger than the server accepts.',
    nb: 'Meldingen er større enn serveren godtar.',
  },
  missingDependencies: {
    status: 409,
    en: 'The update depends on changes the server has not seen; resynchronising.',
    nb: 'Oppdateringen bygger på endringer serveren ikke har sett; synkroniserer på nytt.',
  },
  // grading rules
  locked: {
    status: 409,
    en: 'The final grade for this candidate is registered and locked (R6).',
    nb: 'Endelig karakter for denne kandidaten er registrert og låst (R6).',
  },
  notYourQuestion: {
    status: 403,
    en: 'The question split is enforced: this question is assigned to another examiner (R4).',
    nb: 'Oppgavefordelingen håndheves: denne oppgaven er tildelt en annen sensor (R4).',
  },
  notYourPrivateData: {
    status: 403,
    en: 'This is another examiner’s private data.',
    nb: 'Dette er en annen sensors private data.',
  },
  marksNotShared: {
    status: 409,
    en: 'This exam uses individual marks: enter points in your own marks, not the shared ones (R3).',
    nb: 'Denne eksamenen bruker individuelle poeng: før poeng i dine egne, ikke de felles (R3).',
  },
  notAttended: {
    status: 409,
    en: 'The candidate did not attend and cannot be graded (R13).',
    nb: 'Kandidaten møtte ikke og kan ikke vurderes (R13).',
  },
  incompleteMarks: {
    status: 409,
    en: 'Some questions have no points yet.',
    nb: 'Noen oppgaver mangler poeng.',
  },
  marksDoNotAlign: {
    status: 409,
    en: 'The examiners’ points differ on some questions, and this exam requires them to align (R5).',
    nb: 'Sensorenes poeng er ulike på noen oppgaver, og denne eksamenen krever at de er like (R5).',
  },
  awaitingConfirmations: {
    status: 409,
    en: 'Not every examiner has confirmed the grade yet (R5).',
    nb: 'Ikke alle sensorene har bekreftet karakteren ennå (R5).',
  },
  gradesDisagree: {
    status: 409,
    en: 'The examiners have confirmed different grades; the disagreement must be decided first (R7).',
    nb: 'Sensorene har bekreftet ulike karakterer; uenigheten må avgjøres først (R7).',
  },
  cheatingHold: {
    status: 409,
    en: 'The candidate is under a cheating hold: no grade may be given while it is suspected (R11).',
    nb: 'Kandidaten er under mistanke om fusk: ingen karakter kan gis mens mistanken står (R11).',
  },
  alreadyPublished: {
    status: 409,
    en: 'Results are published: the grade can no longer be reopened (R6).',
    nb: 'Resultatene er publisert: karakteren kan ikke lenger gjenåpnes (R6).',
  },
  reasonRequired: {
    status: 422,
    en: 'A written reason is required.',
    nb: 'En skriftlig begrunnelse er påkrevd.',
  },
  mixedScales: {
    status: 422,
    en: 'The grades belong to different scales and cannot be compared.',
    nb: 'Karakterene hører til ulike skalaer og kan ikke sammenlignes.',
  },
  notAutoScored: {
    status: 422,
    en: 'This question is not auto-scored.',
    nb: 'Denne oppgaven rettes ikke automatisk.',
  },
  ordinaryExaminerUnclear: {
    status: 422,
    en: 'It is not clear who the ordinary examiner is: name the second examiner.',
    nb: 'Det er uklart hvem som er ordinær sensor: angi medsensoren.',
  },
  // commission composition (R9, R17)
  tooFewExaminers: {
    status: 422,
    en: 'The commission needs at least two examiners.',
    nb: 'Kommisjonen trenger minst to sensorer.',
  },
  noExternal: {
    status: 422,
    en: 'The commission needs at least one external examiner.',
    nb: 'Kommisjonen trenger minst én ekstern sensor.',
  },
  supervisorInCommission: {
    status: 422,
    en: 'The candidate’s supervisor may not grade the thesis (R17).',
    nb: 'Kandidatens veileder kan ikke sensurere oppgaven (R17).',
  },
  firstTimeAlone: {
    status: 422,
    en: 'A first-time examiner never grades alone (R17).',
    nb: 'En førstegangssensor sensurerer aldri alene (R17).',
  },
  tooManyExaminers: {
    status: 422,
    en: 'An appeal commission has exactly two examiners (R9).',
    nb: 'En klagekommisjon har nøyaktig to sensorer (R9).',
  },
  noInternal: {
    status: 422,
    en: 'Each commission needs an internal examiner for the third grading (R10).',
    nb: 'Hver kommisjon trenger en intern sensor til ny vurdering (R10).',
  },
  tookPartInOrdinary: {
    status: 422,
    en: 'An appeal examiner may not have taken part in the ordinary grading of the candidate (R9).',
    nb: 'En klagesensor kan ikke ha deltatt i den ordinære sensuren av kandidaten (R9).',
  },
  gradesRegrading: {
    status: 422,
    en: "An examiner of the candidate's appeal or third grading may not join the ordinary commission (R9).",
    nb: 'En sensor i kandidatens klage eller tredje sensur kan ikke bli med i den ordinære kommisjonen (R9).',
  },
  duplicateMember: {
    status: 422,
    en: 'The same person is named more than once in the commission (R17).',
    nb: 'Samme person står mer enn én gang i kommisjonen (R17).',
  },
  noExtraExaminerNeeded: {
    status: 409,
    en: 'Who decides here does not call for an extra examiner, or one is already appointed (R7).',
    nb: 'Her avgjøres uenighet uten oppmann, eller oppmann er allerede oppnevnt (R7).',
  },
  alreadyMember: {
    status: 409,
    en: 'This person is already a member of the commission.',
    nb: 'Denne personen er allerede medlem av kommisjonen.',
  },
  notRegistrationOnly: {
    status: 409,
    en: 'Attendance is registered only for registration-only exams (oral, paper, portfolio) (R13).',
    nb: 'Oppmøte registreres bare for eksamener uten innlevering (muntlig, papir, mappe) (R13).',
  },
  noHold: {
    status: 409,
    en: 'The candidate is not flagged.',
    nb: 'Kandidaten er ikke flagget.',
  },
  exportIncomplete: {
    status: 409,
    en: 'Not every candidate has a registered final grade; ask for a partial export to export the rest (R15).',
    nb: 'Ikke alle kandidatene har registrert endelig karakter; be om delvis eksport for å eksportere resten (R15).',
  },
  // imports (R12)
  unreadableFile: {
    status: 422,
    en: 'The file could not be read as a .csv or .xlsx spreadsheet.',
    nb: 'Filen kunne ikke leses som et .csv- eller .xlsx-regneark.',
  },
  importNotPending: {
    status: 409,
    en: 'This import is no longer waiting to be accepted.',
    nb: 'Denne importen venter ikke lenger på å bli godtatt.',
  },
  importNotApplied: {
    status: 409,
    en: 'This imported grade is no longer in place: it was undone, replaced by a later upload or registered.',
    nb: 'Denne importerte karakteren gjelder ikke lenger: den er angret, erstattet av en senere opplasting eller registrert.',
  },
  gradeNotOnScale: {
    status: 422,
    en: 'The grade is not on this exam’s scale.',
    nb: 'Karakteren finnes ikke på eksamenens skala.',
  },
  lowercaseLetter: { status: 422, en: 'Letters must be capitals A–F.', nb: 'Bokstaver må være store A–F.' },
  passFailOnLetterScale: {
    status: 422,
    en: 'Pass/NotPass belong to pass/fail exams.',
    nb: 'Pass/NotPass hører til eksamener med bestått/ikke bestått.',
  },
  candidateNotInExam: {
    status: 422,
    en: 'No such candidate in this exam.',
    nb: 'Ingen slik kandidat i denne eksamenen.',
  },
  duplicateCandidate: {
    status: 422,
    en: 'The candidate appears more than once in the file.',
    nb: 'Kandidaten står mer enn én gang i filen.',
  },
  missingCandidateNumber: {
    status: 422,
    en: 'The row has no candidate number.',
    nb: 'Raden mangler kandidatnummer.',
  },
  // appeals (R9, R10)
  appealExists: {
    status: 409,
    en: 'This candidate has already appealed.',
    nb: 'Denne kandidaten har allerede klaget.',
  },
  noOrdinaryGrade: {
    status: 409,
    en: 'The candidate has no registered grade to appeal.',
    nb: 'Kandidaten har ingen registrert karakter å klage på.',
  },
  thirdGradingNotPending: {
    status: 409,
    en: 'No third grading is waiting to be formed for this appeal.',
    nb: 'Ingen tredje sensur venter på å bli satt sammen for denne klagen.',
  },
  unknownUser: { status: 422, en: 'No such user.', nb: 'Ingen slik bruker.' },
  examIdTaken: {
    status: 409,
    en: 'Another exam was created with the same course and term at the same moment. Please try again.',
    nb: 'En annen eksamen med samme emne og semester ble opprettet i samme øyeblikk. Prøv igjen.',
  },
  // commission forming (R17)
  commissionExists: {
    status: 409,
    en: 'The exam already has a commission with that name.',
    nb: 'Eksamenen har allerede en kommisjon med det navnet.',
  },
  idTooLong: {
    status: 422,
    en: 'The id made from this name would be longer than 64 characters: choose a shorter name.',
    nb: 'Id-en laget av dette navnet ville blitt lengre enn 64 tegn: velg et kortere navn.',
  },
  closeToFailNotPassFail: {
    status: 422,
    en: 'Only a pass/fail exam flags a Pass as close to Fail (R8).',
    nb: 'Bare eksamener med bestått/ikke bestått merker en bestått som nær ikke bestått (R8).',
  },
  noExaminers: {
    status: 422,
    en: 'The commission needs at least one examiner.',
    nb: 'Kommisjonen trenger minst én sensor.',
  },
  notOrdinaryCommission: {
    status: 409,
    en: 'Only ordinary commissions are formed here; appeal and third-grading commissions are formed with the appeal.',
    nb: 'Bare ordinære kommisjoner settes sammen her; klage- og tredjesensurkommisjoner settes sammen med klagen.',
  },
  candidateInOtherCommission: {
    status: 409,
    en: 'The candidate already belongs to another commission of this exam.',
    nb: 'Kandidaten hører allerede til en annen kommisjon i denne eksamenen.',
  },
  candidateHasWork: {
    status: 409,
    en: 'The candidate already has marks, confirmations or a grade in this commission and cannot be removed.',
    nb: 'Kandidaten har allerede poeng, bekreftelser eller karakter i denne kommisjonen og kan ikke fjernes.',
  },
  memberHasWork: {
    status: 409,
    en: 'The examiner has already confirmed grades or entered their own marks in this commission and cannot be removed.',
    nb: 'Sensoren har allerede bekreftet karakterer eller satt egne poeng i denne kommisjonen og kan ikke fjernes.',
  },
  // exam setup
  examNotDraft: {
    status: 409,
    en: 'The exam is ready for grading: its details, questions and candidates can no longer be changed here (R1).',
    nb: 'Eksamen er klar for sensur: detaljer, oppgaver og kandidater kan ikke lenger endres her (R1).',
  },
  noCandidates: {
    status: 409,
    en: 'The exam has no candidates yet: import them first.',
    nb: 'Eksamen har ingen kandidater ennå: importer dem først.',
  },
  noQuestions: {
    status: 409,
    en: 'A written exam needs at least one question.',
    nb: 'En skriftlig eksamen trenger minst én oppgave.',
  },
  badCandidateNumber: {
    status: 422,
    en: 'Candidate numbers are digits only (at most 10).',
    nb: 'Kandidatnummer består bare av sifre (høyst 10).',
  },
  missingName: { status: 422, en: 'The row has no name.', nb: 'Raden mangler navn.' },
  missingStudentId: {
    status: 422,
    en: 'The row has no student id (at most 40 characters).',
    nb: 'Raden mangler studentnummer (høyst 40 tegn).',
  },
  duplicateStudentId: {
    status: 422,
    en: 'The student id appears more than once in the file.',
    nb: 'Studentnummeret står mer enn én gang i filen.',
  },
  duplicateAnswer: {
    status: 422,
    en: 'The file has more than one answer for this candidate and question.',
    nb: 'Filen har mer enn én besvarelse for denne kandidaten og oppgaven.',
  },
  emptyAnswer: { status: 422, en: 'The answer text is empty.', nb: 'Svarteksten er tom.' },
  badPdfName: {
    status: 422,
    en: 'Name PDF files <candidate>-<question>.pdf, e.g. 101-q3.pdf.',
    nb: 'Gi PDF-filene navn <kandidat>-<oppgave>.pdf, f.eks. 101-q3.pdf.',
  },
  notPdf: { status: 422, en: 'The file is not a PDF.', nb: 'Filen er ikke en PDF.' },
  usernameTaken: {
    status: 409,
    en: 'That username is already taken.',
    nb: 'Det brukernavnet er allerede i bruk.',
  },
  oidcIdentityTaken: {
    status: 409,
    en: 'That university identity already belongs to a user.',
    nb: 'Den universitetsidentiteten tilhører allerede en bruker.',
  },
  // authentication
  badCredentials: { status: 401, en: 'Wrong username or password.', nb: 'Feil brukernavn eller passord.' },
  notAuthenticated: { status: 401, en: 'Please log in.', nb: 'Vennligst logg inn.' },
  tooManyAttempts: {
    status: 429,
    en: 'Too many attempts; wait a minute and try again.',
    nb: 'For mange forsøk; vent et minutt og prøv igjen.',
  },
  badRequest: { status: 400, en: 'The request is not valid.', nb: 'Forespørselen er ikke gyldig.' },
} as const satisfies Record<string, { status: number; en: string; nb: string }>;

export type Reason = keyof typeof reasons;
export type Language = 'en' | 'nb';

export const describeReason = (reason: Reason, language: Language): string => reasons[reason][language];
