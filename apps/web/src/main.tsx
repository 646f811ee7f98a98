import { render } from 'preact';
import { App } from './app';
import { captureLinkToken } from './lib/link-token';
import { startRouter } from './lib/router';
import './styles.css';

// Before anything else runs: a token from a mailed link leaves the address bar at once.
captureLinkToken();
startRouter();
const root = document.getElementById('app');
if (root) render(<App />, root);
