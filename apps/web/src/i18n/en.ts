/**
 * English strings, and the key set every other language must provide. Placeholders are written
 * `{name}`; keys ending in `.one` / `.other` are chosen with Intl.PluralRules.
 */
export const en = {
  'app.name': 'ICC Hub',
  'app.tagline': 'Events of the EU Intelligent Cities Challenge',
  'app.skipToContent': 'Skip to main content',
  'app.languageLabel': 'Language',
  'app.timeZoneNote': 'Times are shown in your time zone, {zone}.',
  'app.footerAbout':
    'ICC Hub is the event hub of the Intelligent Cities Challenge, an initiative of the European Commission for cities that use technology to grow greener and fairer.',
  'app.footerSmallPrint':
    'Programmes can change; the agenda always shows the latest published version. Events marked “Demo” contain sample data.',
  'app.documentTitle': '{page} · ICC Hub',

  'status.loading': 'Loading…',
  'status.error': 'Something went wrong while loading this page.',
  'status.errorDetail': 'The server said: {message}',
  'status.offline': 'The server could not be reached. Check your connection and try again.',
  'status.retry': 'Try again',

  'events.title': 'Events',
  'events.intro':
    'City Labs and Mayors’ Summits where the cities of the Intelligent Cities Challenge meet, learn and share.',
  'events.upcoming': 'Upcoming and live',
  'events.past': 'Past events',
  'events.none': 'No events have been published yet.',
  'events.noneUpcoming': 'There is no upcoming event at the moment.',
  'events.online': 'Online',
  'events.demo': 'Demo',
  'events.happeningNow': 'Happening now',
  'events.openAgenda': 'See the agenda',

  'kind.city-lab': 'City Lab',
  'kind.mayors-summit': 'Mayors’ Summit',

  'agenda.breadcrumb': 'Breadcrumb',
  'agenda.allEvents': 'All events',
  'agenda.days': 'Days',
  'agenda.dayNumber': 'Day {n}',
  'agenda.dayHeading': 'Day {n}: {title}',
  'agenda.filters': 'Filter the sessions',
  'agenda.activeFilters.one': '{n} active',
  'agenda.activeFilters.other': '{n} active',
  'agenda.track': 'Track',
  'agenda.allTracks': 'All tracks',
  'agenda.audience': 'Audience',
  'agenda.allAudiences': 'All audiences',
  'agenda.sessionLanguage': 'Session language',
  'agenda.allLanguages': 'All languages',
  'agenda.clearFilters': 'Clear filters',
  'agenda.count.one': '{n} session',
  'agenda.count.other': '{n} sessions',
  'agenda.empty': 'No session on this day matches the filters.',
  'agenda.emptyDay': 'No sessions are planned on this day.',
  'agenda.noProgramme': 'The programme of this event has not been published yet.',
  'agenda.sessionsLabel': 'Sessions',
  'agenda.notFoundTitle': 'Event not found',
  'agenda.notFoundBody':
    'There is no event at the address “{slug}”. It may have been renamed or removed.',

  'session.liveNow': 'Live now',
  'session.cancelled': 'Cancelled',
  'session.yourTime': 'your time, {zone}',
  'session.zoneTime': '{city} time',
  'session.with': 'With {names}',
  'session.moderatedBy': 'Moderated by {names}',
  'session.about': 'About this session',
  'session.details': 'Details',
  'session.when': 'When',
  'session.day': 'Day',
  'session.track': 'Track',
  'session.stream': 'Stream',
  'session.format': 'Format',
  'session.audience': 'Audience',
  'session.language': 'Language',
  'session.capacity': 'Capacity',
  'session.capacityValue.one': '{n} place',
  'session.capacityValue.other': '{n} places',
  'session.virtualRoom': 'Open the virtual room',
  'session.people': 'People',
  'session.cancelledNotice': 'This session has been cancelled.',
  'session.backToAgenda': 'Back to the agenda',
  'session.agenda': 'Agenda',
  'session.notFoundTitle': 'Session not found',
  'session.notFoundBody':
    'There is no session with this address. It may have been cancelled or moved to a new schedule.',

  'role.speaker.one': 'Speaker',
  'role.speaker.other': 'Speakers',
  'role.moderator.one': 'Moderator',
  'role.moderator.other': 'Moderators',
  'role.rapporteur.one': 'Rapporteur',
  'role.rapporteur.other': 'Rapporteurs',

  'audience.public': 'Public',
  'audience.cities': 'City representatives',
  'audience.mayors': 'Mayors',
  'audience.invite-only': 'By invitation',

  'format.plenary': 'Plenary',
  'format.panel': 'Panel',
  'format.workshop': 'Workshop',
  'format.keynote': 'Keynote',
  'format.networking': 'Networking',

  'notFound.title': 'Page not found',
  'notFound.body': 'This address does not lead to a page of ICC Hub.',
  'notFound.home': 'Go to the list of events',
} satisfies Record<string, string>;

export type MessageKey = keyof typeof en;

/** Every language provides exactly the English keys: a missing or unknown key fails to compile. */
export type Messages = Record<MessageKey, string>;
