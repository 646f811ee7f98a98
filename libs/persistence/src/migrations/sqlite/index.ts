import { Initial1795872185637 } from './1795872185637-Initial.js';
import { MailOutbox1795873164640 } from './1795873164640-MailOutbox.js';
import { Accounts1795874598167 } from './1795874598167-Accounts.js';
import { Consents1795875037140 } from './1795875037140-Consents.js';
import { Programme1795882602037 } from './1795882602037-Programme.js';
import { Registrations1795883353856 } from './1795883353856-Registrations.js';
import { CalendarFeeds1795884744971 } from './1795884744971-CalendarFeeds.js';
import { Questions1795888327330 } from './1795888327330-Questions.js';
import { LiveRoom1795892785571 } from './1795892785571-LiveRoom.js';
import { KeyLearnings1795906660299 } from './1795906660299-KeyLearnings.js';

export const SQLITE_MIGRATIONS = [Initial1795872185637, MailOutbox1795873164640, Accounts1795874598167, Consents1795875037140, Programme1795882602037, Registrations1795883353856, CalendarFeeds1795884744971, Questions1795888327330, LiveRoom1795892785571, KeyLearnings1795906660299];
