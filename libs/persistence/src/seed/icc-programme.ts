import type { Audience, CityRole, EventKind, SessionFormat, TrackKind } from '@app/contracts';

/**
 * The ICC programme of autumn 2020, as told by the programme's news item of 6 October 2020: dates,
 * days, themes, organisations and roles come from it. Session texts are our own words; anything the
 * news item does not tell (workshop line-ups, times, facilitators) is invented and flagged `demo`.
 */

export interface SeedTrack {
  slug: string;
  name: string;
  kind: TrackKind;
  color: string;
}

export interface SeedPerson {
  key: string;
  name: string;
  title: string | null;
  organisation: string | null;
  bio: string | null;
}

export interface SeedSession {
  title: string;
  abstract: string;
  /** Local date and time in the event's zone. */
  date: string;
  start: string;
  end: string;
  /** Exact instants, where local wall-clock times would be ambiguous (the night clocks go back). */
  instants?: { startsAt: Date; endsAt: Date };
  track: string | null;
  stream: string;
  format: SessionFormat;
  audience: Audience;
  capacity: number | null;
  demo: boolean;
  speakers?: string[];
  moderators?: string[];
  rapporteurs?: string[];
}

export interface SeedDay {
  date: string;
  title: string;
  description: string;
}

export interface SeedEvent {
  slug: string;
  kind: EventKind;
  title: string;
  summary: string;
  timeZone: string;
  venue: string | null;
  days: SeedDay[];
  streams: { name: string; virtualUrl: string | null; capacity: number | null }[];
  sessions: SeedSession[];
}

export const ICC_TRACKS: SeedTrack[] = [
  {
    slug: 'green-economy',
    name: 'Green economy and local green deals',
    kind: 'theme',
    color: '#1b6e3a',
  },
  {
    slug: 'citizen-participation',
    name: 'Citizen participation and digitisation of public administration',
    kind: 'theme',
    color: '#5a3d8a',
  },
  { slug: 'upskilling', name: 'Upskilling and reskilling', kind: 'theme', color: '#9a3412' },
  {
    slug: 'supply-chains-mobility',
    name: 'Supply chains, logistics and the economics of mobility',
    kind: 'theme',
    color: '#1e4f8a',
  },
  {
    slug: 'green-digital-tourism',
    name: 'Green and digital transition in tourism',
    kind: 'theme',
    color: '#0f6b6b',
  },
  { slug: 'public-procurement', name: 'Public procurement', kind: 'transversal', color: '#6b4f12' },
  { slug: 'access-to-data', name: 'Access to data', kind: 'transversal', color: '#4a5568' },
  { slug: 'access-to-finance', name: 'Access to finance', kind: 'transversal', color: '#8a2846' },
];

export const ICC_CITIES: { name: string; country: string; role: CityRole }[] = [
  { name: 'Aarhus', country: 'DK', role: 'mentor' },
  { name: 'Antwerp', country: 'BE', role: 'mentor' },
  { name: 'Espoo', country: 'FI', role: 'mentor' },
  { name: 'Bilbao', country: 'ES', role: 'mentor' },
  { name: 'Tallinn', country: 'EE', role: 'mentor' },
  { name: 'Alcoi', country: 'ES', role: 'core' },
  { name: 'Brno', country: 'CZ', role: 'core' },
  { name: 'Cluj-Napoca', country: 'RO', role: 'core' },
  { name: 'Gabrovo', country: 'BG', role: 'core' },
  { name: 'Heraklion', country: 'GR', role: 'core' },
  { name: 'Kuopio', country: 'FI', role: 'core' },
  { name: 'Leuven', country: 'BE', role: 'core' },
  { name: 'Ljubljana', country: 'SI', role: 'core' },
  { name: 'Porto', country: 'PT', role: 'core' },
  { name: 'Rijeka', country: 'HR', role: 'core' },
  { name: 'Trikala', country: 'GR', role: 'core' },
];

export const ICC_PEOPLE: SeedPerson[] = [
  {
    key: 'engelmann',
    name: 'Ulla Engelmann',
    title: 'Head of Unit, Social Economy',
    organisation: 'European Commission, DG GROW',
    bio: 'Opened the first ICC City Lab for the European Commission.',
  },
  {
    key: 'iclei',
    name: 'ICLEI Europe support team',
    title: 'ICC partner for support services',
    organisation: 'ICLEI - Local Governments for Sustainability',
    bio: 'Leads the delivery of ICC support services on the European Green Deal and on public procurement.',
  },
  {
    key: 'icc-team',
    name: 'ICC programme team',
    title: 'Programme management',
    organisation: 'Intelligent Cities Challenge',
    bio: null,
  },
  {
    key: 'demo-moderator',
    name: 'Demo moderator',
    title: 'Session moderator (demo profile)',
    organisation: 'ICC Hub demo',
    bio: 'An invented profile so that the demo programme shows every role.',
  },
  {
    key: 'demo-rapporteur',
    name: 'Demo rapporteur',
    title: 'Rapporteur (demo profile)',
    organisation: 'ICC Hub demo',
    bio: 'An invented profile who writes the key learnings of demo sessions.',
  },
];

const VIRTUAL = 'https://meet.icc-hub.example/';

const cityLabStreams = [
  { name: 'Plenary', virtualUrl: `${VIRTUAL}city-lab-plenary`, capacity: 1000 },
  { name: 'Workshop room A', virtualUrl: `${VIRTUAL}city-lab-room-a`, capacity: 120 },
  { name: 'Workshop room B', virtualUrl: `${VIRTUAL}city-lab-room-b`, capacity: 120 },
  { name: 'Workshop room C', virtualUrl: `${VIRTUAL}city-lab-room-c`, capacity: 120 },
];

const workshop = (
  date: string,
  start: string,
  end: string,
  track: string,
  stream: string,
  title: string,
  abstract: string,
): SeedSession => ({
  title,
  abstract,
  date,
  start,
  end,
  track,
  stream,
  format: 'workshop',
  audience: 'cities',
  capacity: 60,
  demo: true,
  speakers: ['iclei'],
  moderators: ['demo-moderator'],
  rapporteurs: ['demo-rapporteur'],
});

export const ICC_CITY_LAB_2020: SeedEvent = {
  slug: 'icc-city-lab-2020',
  kind: 'city-lab',
  title: 'ICC City Lab 1: a green and digital recovery',
  summary:
    'The first City Lab of the Intelligent Cities Challenge brought together more than 500 city ' +
    'representatives and members of the public online, to hear how the European Commission sees the ' +
    'future of cities and how cities can lead a green and digital recovery.',
  timeZone: 'Europe/Brussels',
  venue: 'Online',
  days: [
    {
      date: '2020-09-28',
      title: 'Day 1: The future of cities and the recovery',
      description:
        'Open to the public. The European Commission opens the City Lab and presents the Recovery and Resilience Facility.',
    },
    {
      date: '2020-09-29',
      title: 'Day 2: Integrating the European Green Deal',
      description:
        'For city teams. How to bring the European Green Deal into local policy, with ICLEI.',
    },
    {
      date: '2020-09-30',
      title: 'Day 3: Public procurement for sustainable solutions',
      description:
        'For city teams. Using public procurement to put sustainable solutions in place and grow a smart, green local economy.',
    },
    {
      date: '2020-10-01',
      title: 'Day 4: Thematic workshops',
      description: 'Parallel workshops by ICC theme, for city teams.',
    },
    {
      date: '2020-10-02',
      title: 'Day 5: Transversal services and next steps',
      description: 'Access to data and to finance, and the road to the Mayors’ Summit.',
    },
  ],
  streams: cityLabStreams,
  sessions: [
    {
      title: 'Opening of the first ICC City Lab',
      abstract:
        'DG GROW opens the City Lab: why cities and industrial clusters matter for an economy that works ' +
        'for people, and how reskilling, upskilling and advanced technologies fit in.',
      date: '2020-09-28',
      start: '10:00',
      end: '10:45',
      track: null,
      stream: 'Plenary',
      format: 'keynote',
      audience: 'public',
      capacity: 1000,
      demo: false,
      speakers: ['engelmann'],
      moderators: ['icc-team'],
    },
    {
      title: 'The Recovery and Resilience Facility: what it means for cities',
      abstract:
        'The €672.5 billion Recovery and Resilience Facility is one of the main long-term instruments to ' +
        'help cities come out of the pandemic more resilient. What it funds and how cities can prepare.',
      date: '2020-09-28',
      start: '11:00',
      end: '12:00',
      track: 'access-to-finance',
      stream: 'Plenary',
      format: 'plenary',
      audience: 'public',
      capacity: 1000,
      demo: false,
      speakers: ['engelmann'],
      moderators: ['icc-team'],
      rapporteurs: ['demo-rapporteur'],
    },
    {
      title: 'Cities and clusters: skills and advanced technologies',
      abstract:
        'A panel on how cities and industrial clusters can work together on skills and on the uptake of ' +
        'advanced technologies.',
      date: '2020-09-28',
      start: '14:00',
      end: '15:15',
      track: 'upskilling',
      stream: 'Plenary',
      format: 'panel',
      audience: 'public',
      capacity: 1000,
      demo: true,
      speakers: ['icc-team'],
      moderators: ['demo-moderator'],
    },
    {
      title: 'The European Green Deal in local policy',
      abstract:
        'ICLEI introduces its support services on integrating the European Green Deal in local policy ' +
        'frameworks, for a smart and sustainable transition.',
      date: '2020-09-29',
      start: '09:30',
      end: '10:30',
      track: 'green-economy',
      stream: 'Plenary',
      format: 'plenary',
      audience: 'cities',
      capacity: 500,
      demo: false,
      speakers: ['iclei'],
      moderators: ['icc-team'],
      rapporteurs: ['demo-rapporteur'],
    },
    workshop(
      '2020-09-29',
      '11:00',
      '12:30',
      'green-economy',
      'Workshop room A',
      'Drafting a local green deal',
      'Cities compare first steps towards a local green deal: goals, partners, and how to measure progress.',
    ),
    workshop(
      '2020-09-29',
      '11:00',
      '12:30',
      'citizen-participation',
      'Workshop room B',
      'Bringing citizens into the green transition',
      'Participation formats that worked, and digital tools that help a city listen at scale.',
    ),
    {
      title: 'Public procurement as a lever for sustainable solutions',
      abstract:
        'ICLEI on using public procurement to implement sustainable solutions and to promote smart and ' +
        'green local economic activity.',
      date: '2020-09-30',
      start: '09:30',
      end: '10:30',
      track: 'public-procurement',
      stream: 'Plenary',
      format: 'plenary',
      audience: 'cities',
      capacity: 500,
      demo: false,
      speakers: ['iclei'],
      moderators: ['icc-team'],
      rapporteurs: ['demo-rapporteur'],
    },
    workshop(
      '2020-09-30',
      '11:00',
      '12:30',
      'public-procurement',
      'Workshop room A',
      'Writing green criteria into tenders',
      'A hands-on session on award criteria, market dialogue and life-cycle costing.',
    ),
    workshop(
      '2020-09-30',
      '11:00',
      '12:30',
      'access-to-data',
      'Workshop room B',
      'Buying data-driven services responsibly',
      'What to ask of suppliers about data access, interoperability and privacy.',
    ),
    workshop(
      '2020-10-01',
      '09:30',
      '11:00',
      'green-economy',
      'Workshop room A',
      'Green economy: from plan to projects',
      'Turning a green economy strategy into a pipeline of fundable projects.',
    ),
    workshop(
      '2020-10-01',
      '09:30',
      '11:00',
      'citizen-participation',
      'Workshop room B',
      'Digital public services people use',
      'Designing and measuring digital services with residents.',
    ),
    workshop(
      '2020-10-01',
      '09:30',
      '11:00',
      'upskilling',
      'Workshop room C',
      'Local skills pacts',
      'How cities, employers and training providers build a skills pact together.',
    ),
    workshop(
      '2020-10-01',
      '11:30',
      '13:00',
      'supply-chains-mobility',
      'Workshop room A',
      'Resilient supply chains and city logistics',
      'Lessons from the pandemic for local supply chains, freight and the economics of mobility.',
    ),
    workshop(
      '2020-10-01',
      '11:30',
      '13:00',
      'green-digital-tourism',
      'Workshop room B',
      'Tourism after the pandemic: greener and digital',
      'Visitor data, sustainable offers and the recovery of a hard-hit sector.',
    ),
    workshop(
      '2020-10-02',
      '09:30',
      '10:45',
      'access-to-finance',
      'Workshop room A',
      'Financing the smart action plan',
      'Matching action plan measures with EU, national and private finance.',
    ),
    workshop(
      '2020-10-02',
      '09:30',
      '10:45',
      'access-to-data',
      'Workshop room B',
      'Open data for the recovery',
      'Which data a city needs to steer its recovery, and how to get access to it.',
    ),
    {
      title: 'Closing plenary: towards the 100 Mayors’ Summit',
      abstract:
        'What the City Lab taught us, the advisory services ahead, and the road to the first 100 Mayors’ Summit.',
      date: '2020-10-02',
      start: '11:15',
      end: '12:00',
      track: null,
      stream: 'Plenary',
      format: 'plenary',
      audience: 'cities',
      capacity: 500,
      demo: true,
      speakers: ['icc-team', 'iclei'],
      moderators: ['demo-moderator'],
      rapporteurs: ['demo-rapporteur'],
    },
  ],
};

export const ICC_MAYORS_SUMMIT_2020: SeedEvent = {
  slug: '100-mayors-summit-2020',
  kind: 'mayors-summit',
  title: 'The first 100 Mayors’ Summit',
  summary:
    'More than a hundred high-level political representatives of ICC cities commit to a smart and ' +
    'sustainable economic recovery, as part of the European Week of Cities and Regions.',
  timeZone: 'Europe/Brussels',
  venue: 'Online, European Week of Cities and Regions',
  days: [
    {
      date: '2020-10-14',
      title: '100 Mayors’ Summit',
      description:
        'Held during the European Week of Cities and Regions; ICLEI takes a key role in organising it and setting its agenda.',
    },
  ],
  streams: [{ name: 'Summit hall', virtualUrl: `${VIRTUAL}mayors-summit`, capacity: 300 }],
  sessions: [
    {
      title: 'Welcome to the 100 Mayors’ Summit',
      abstract:
        'Why the ICC matters at the highest political level, and what the Summit sets out to do.',
      date: '2020-10-14',
      start: '10:00',
      end: '10:30',
      track: null,
      stream: 'Summit hall',
      format: 'keynote',
      audience: 'public',
      capacity: 300,
      demo: true,
      speakers: ['icc-team'],
      moderators: ['iclei'],
    },
    {
      title: 'Mayors commit to a smart and sustainable recovery',
      abstract:
        'Mayors and deputy mayors state their commitments for a green and digital recovery of their cities.',
      date: '2020-10-14',
      start: '10:30',
      end: '12:00',
      track: 'green-economy',
      stream: 'Summit hall',
      format: 'panel',
      audience: 'mayors',
      capacity: 150,
      demo: true,
      speakers: ['icc-team'],
      moderators: ['iclei'],
      rapporteurs: ['demo-rapporteur'],
    },
    {
      title: 'Roundtable: cities leading the green and digital transition',
      abstract: 'An invitation-only exchange between mayors and the European Commission.',
      date: '2020-10-14',
      start: '14:00',
      end: '15:30',
      track: null,
      stream: 'Summit hall',
      format: 'panel',
      audience: 'invite-only',
      capacity: 40,
      demo: true,
      speakers: ['icc-team'],
      moderators: ['iclei'],
    },
  ],
};
