// First: zod's settings apply to the schemas built after them.
import './zod-config.ts';
import { registerSW } from 'virtual:pwa-register';
import { mount } from 'svelte';
import App from './App.svelte';
import { setupI18n } from './lib/i18n/index.ts';
import { preloadGrading } from './lib/state/preload.ts';
import './app.css';

registerSW({ immediate: true });
preloadGrading();

const target = document.getElementById('app');
if (target === null) throw new Error('missing #app');
// Bokmål, when it is the language in use, is loaded before the first screen is drawn.
export default setupI18n().then(() => mount(App, { target }));
