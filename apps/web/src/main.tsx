import { render } from 'preact';
import { App } from './app';
import { startRouter } from './lib/router';
import { captureSignInToken } from './lib/sign-in-token';
import './styles.css';

// Before anything else runs: a sign-in token leaves the address bar at once.
captureSignInToken();
startRouter();
const root = document.getElementById('app');
if (root) render(<App />, root);
