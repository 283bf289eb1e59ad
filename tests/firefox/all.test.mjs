// Every Firefox test, in one process so that they share one Firefox (each with its own copy of
// the extension): launching Firefox is most of a test's time on a busy machine.
import './instagram.mjs';
import './hostile.mjs';
import './whatsapp.mjs';
import './network.mjs';
import './journal.mjs';
import './send-check.mjs';
import './learned.mjs';
import './gmail.mjs';
import './data.mjs';
import './migration.mjs';
import './corrupt.mjs';
import './lock.mjs';
import './custom-sites.mjs';
import './health.mjs';
import './stop.mjs';
import './soften.mjs';
