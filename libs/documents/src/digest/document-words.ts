/**
 * What the hub itself writes into a key-learnings document (the digest's headings and sentences,
 * the title and the version line), in the language of the session it is about: the document's
 * `lang` is that language, so its generated parts speak it too. The hub's own languages are
 * English, French and German; a session in another language gets the English words.
 */
export interface DocumentWords {
  /** For luxon and Intl: dates and numbers as the language writes them. */
  locale: string;
  /** The language the words are in (the document's `lang` for the generated parts). */
  language: 'en' | 'fr' | 'de';
  title(subject: string): string;
  version(n: number, published: string): string;
  /** luxon formats: a day with its weekday, a date, a moment. */
  dayFormat: string;
  dateFormat: string;
  momentFormat: string;
  fromLiveSession: string;
  compiled(at: string, timeZone: string): string;
  speakers: string;
  roles: Record<string, string>;
  answered(n: number): string;
  noneAnswered: string;
  answer: string;
  open(n: number): string;
  allAnswered: string;
  mostVoted: string;
  alsoAsked: string;
  polls: string;
  pollState(closed: boolean, multiple: boolean, voters: number): string;
  pollColumns: [string, string, string];
  votes(n: number): string;
  people(n: number): string;
  attendance: string;
  attended(people: number, hours: number, anonymousVisits: number): string;
  cityColumns: [string, string];
  noCity: string;
  roleColumns: [string, string];
  noKeyLearnings: string;
  forRegistrants(link: string): string;
  noSessions: string;
}

/** A count as the language writes it, to one decimal at most. */
function number(n: number, locale: string): string {
  return n.toLocaleString(locale, { maximumFractionDigits: 1 });
}

const enPeople = (n: number) => (n === 1 ? '1 person' : `${number(n, 'en-GB')} people`);
const frPeople = (n: number) => (n <= 1 ? `${n} personne` : `${number(n, 'fr-FR')} personnes`);
const dePeople = (n: number) => (n === 1 ? '1 Person' : `${number(n, 'de-DE')} Personen`);

const EN: DocumentWords = {
  locale: 'en-GB',
  language: 'en',
  title: (subject) => `Key learnings: ${subject}`,
  version: (n, published) => `Version ${n}, published ${published}`,
  dayFormat: 'cccc d LLLL yyyy',
  dateFormat: 'd LLLL yyyy',
  momentFormat: 'd LLLL yyyy, HH:mm',
  fromLiveSession: 'From the live session',
  compiled: (at, zone) =>
    `Compiled by the hub on ${at} (${zone}) from the live Q&A, polls and attendance.`,
  speakers: 'Speakers',
  roles: {
    speaker: 'speaker',
    moderator: 'moderator',
    rapporteur: 'rapporteur',
    organiser: 'organiser',
    attendee: 'attendee',
  },
  answered: (n) => `Questions answered (${n})`,
  noneAnswered: 'No question was marked as answered.',
  answer: 'Answer:',
  open: (n) => `Questions still open (${n})`,
  allAnswered: 'Every question the room saw was answered.',
  mostVoted: 'Most voted first:',
  alsoAsked: 'Also asked:',
  polls: 'Polls',
  pollState: (closed, multiple, voters) =>
    `${enPeople(voters)} answered (${closed ? 'closed' : 'still open when compiled'}${multiple ? ', several answers allowed' : ''}).`,
  pollColumns: ['Answer', 'Votes', 'Share'],
  votes: (n) => (n === 1 ? '1 vote' : `${number(n, 'en-GB')} votes`),
  people: enPeople,
  attendance: 'Attendance',
  attended: (people, hours, visits) =>
    `${enPeople(people)} followed the session signed in (${number(hours, 'en-GB')} ${hours === 1 ? 'hour' : 'hours'} in all), and the room had ${number(visits, 'en-GB')} ${visits === 1 ? 'visit' : 'visits'} from viewers who were not signed in.`,
  cityColumns: ['City', 'People'],
  noCity: 'No city given',
  roleColumns: ['Role', 'People'],
  noKeyLearnings: 'No key learnings published yet.',
  forRegistrants: (link) => `The key learnings of this session are for its registrants: <${link}>`,
  noSessions: 'No sessions on this day.',
};

const FR: DocumentWords = {
  locale: 'fr-FR',
  language: 'fr',
  title: (subject) => `Enseignements clés : ${subject}`,
  version: (n, published) => `Version ${n}, publiée le ${published}`,
  dayFormat: 'cccc d LLLL yyyy',
  dateFormat: 'd LLLL yyyy',
  momentFormat: "d LLLL yyyy 'à' HH:mm",
  fromLiveSession: 'Issu de la session en direct',
  compiled: (at, zone) =>
    `Compilé par le hub le ${at} (${zone}) à partir des questions, des sondages et de la participation en direct.`,
  speakers: 'Intervenants',
  roles: {
    speaker: 'intervenant',
    moderator: 'modérateur',
    rapporteur: 'rapporteur',
    organiser: 'organisateur',
    attendee: 'participant',
  },
  answered: (n) => `Questions traitées (${n})`,
  noneAnswered: 'Aucune question n’a été marquée comme traitée.',
  answer: 'Réponse :',
  open: (n) => `Questions encore ouvertes (${n})`,
  allAnswered: 'Toutes les questions vues par la salle ont été traitées.',
  mostVoted: 'Les plus soutenues d’abord :',
  alsoAsked: 'Également posées :',
  polls: 'Sondages',
  pollState: (closed, multiple, voters) =>
    `${frPeople(voters)} ${voters <= 1 ? 'a' : 'ont'} répondu (${closed ? 'clos' : 'encore ouvert lors de la compilation'}${multiple ? ', plusieurs réponses possibles' : ''}).`,
  pollColumns: ['Réponse', 'Voix', 'Part'],
  votes: (n) => `${number(n, 'fr-FR')} voix`,
  people: frPeople,
  attendance: 'Participation',
  attended: (people, hours, visits) =>
    `${frPeople(people)} ${people <= 1 ? 'a' : 'ont'} suivi la session en étant connectée${people <= 1 ? '' : 's'} (${number(hours, 'fr-FR')} ${hours < 2 ? 'heure' : 'heures'} au total), et la salle a reçu ${number(visits, 'fr-FR')} ${visits <= 1 ? 'visite' : 'visites'} de personnes non connectées.`,
  cityColumns: ['Ville', 'Personnes'],
  noCity: 'Ville non indiquée',
  roleColumns: ['Rôle', 'Personnes'],
  noKeyLearnings: 'Pas encore d’enseignements clés publiés.',
  forRegistrants: (link) =>
    `Les enseignements clés de cette session sont réservés à ses inscrits : <${link}>`,
  noSessions: 'Aucune session ce jour-là.',
};

const DE: DocumentWords = {
  locale: 'de-DE',
  language: 'de',
  title: (subject) => `Wichtigste Erkenntnisse: ${subject}`,
  version: (n, published) => `Version ${n}, veröffentlicht am ${published}`,
  dayFormat: 'cccc, d. LLLL yyyy',
  dateFormat: 'd. LLLL yyyy',
  momentFormat: "d. LLLL yyyy, HH:mm 'Uhr'",
  fromLiveSession: 'Aus der Live-Session',
  compiled: (at, zone) =>
    `Vom Hub am ${at} (${zone}) aus den Live-Fragen, Umfragen und der Teilnahme zusammengestellt.`,
  speakers: 'Vortragende',
  roles: {
    speaker: 'Vortragende',
    moderator: 'Moderation',
    rapporteur: 'Berichterstattung',
    organiser: 'Organisation',
    attendee: 'Teilnehmende',
  },
  answered: (n) => `Beantwortete Fragen (${n})`,
  noneAnswered: 'Keine Frage wurde als beantwortet markiert.',
  answer: 'Antwort:',
  open: (n) => `Noch offene Fragen (${n})`,
  allAnswered: 'Jede Frage, die der Raum sah, wurde beantwortet.',
  mostVoted: 'Meistunterstützte zuerst:',
  alsoAsked: 'Außerdem gefragt:',
  polls: 'Umfragen',
  pollState: (closed, multiple, voters) =>
    `${dePeople(voters)} ${voters === 1 ? 'hat' : 'haben'} geantwortet (${closed ? 'geschlossen' : 'beim Zusammenstellen noch offen'}${multiple ? ', mehrere Antworten möglich' : ''}).`,
  pollColumns: ['Antwort', 'Stimmen', 'Anteil'],
  votes: (n) => (n === 1 ? '1 Stimme' : `${number(n, 'de-DE')} Stimmen`),
  people: dePeople,
  attendance: 'Teilnahme',
  attended: (people, hours, visits) =>
    `${dePeople(people)} ${people === 1 ? 'hat' : 'haben'} die Session angemeldet verfolgt (${number(hours, 'de-DE')} ${hours === 1 ? 'Stunde' : 'Stunden'} insgesamt), und der Raum hatte ${number(visits, 'de-DE')} ${visits === 1 ? 'Besuch' : 'Besuche'} von nicht angemeldeten Zuschauenden.`,
  cityColumns: ['Stadt', 'Personen'],
  noCity: 'Keine Stadt angegeben',
  roleColumns: ['Rolle', 'Personen'],
  noKeyLearnings: 'Noch keine Erkenntnisse veröffentlicht.',
  forRegistrants: (link) =>
    `Die Erkenntnisse dieser Session sind für ihre Angemeldeten bestimmt: <${link}>`,
  noSessions: 'An diesem Tag gibt es keine Sessions.',
};

const WORDS: Record<DocumentWords['language'], DocumentWords> = { en: EN, fr: FR, de: DE };

/** The words for a session's language (`fr`, `de-AT`…); English for any other. */
export function documentWords(language: string | null | undefined): DocumentWords {
  const base = (language ?? '').toLowerCase().split('-')[0];
  return base === 'fr' || base === 'de' ? WORDS[base] : EN;
}
