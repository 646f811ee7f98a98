import { Initial1795872186291 } from './1795872186291-Initial.js';
import { MailOutbox1795873165395 } from './1795873165395-MailOutbox.js';
import { Accounts1795874598746 } from './1795874598746-Accounts.js';
import { Consents1795875037694 } from './1795875037694-Consents.js';
import { Programme1795882609529 } from './1795882609529-Programme.js';
import { Registrations1795883373666 } from './1795883373666-Registrations.js';
import { CalendarFeeds1795884775657 } from './1795884775657-CalendarFeeds.js';
import { Questions1795888337999 } from './1795888337999-Questions.js';
import { LiveRoom1795892789219 } from './1795892789219-LiveRoom.js';
import { KeyLearnings1795906661279 } from './1795906661279-KeyLearnings.js';

export const POSTGRES_MIGRATIONS = [Initial1795872186291, MailOutbox1795873165395, Accounts1795874598746, Consents1795875037694, Programme1795882609529, Registrations1795883373666, CalendarFeeds1795884775657, Questions1795888337999, LiveRoom1795892789219, KeyLearnings1795906661279];
