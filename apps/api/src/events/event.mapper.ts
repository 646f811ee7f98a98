export { toDayView, toEventSummary, toStreamView, toTrackView } from '@app/persistence';
