import { registerSW } from 'virtual:pwa-register';
import { mount } from 'svelte';
import App from './App.svelte';
import { setupI18n } from './lib/i18n/index.ts';
import './app.css';

setupI18n();
registerSW({ immediate: true });

const target = document.getElementById('app');
if (target === null) throw new Error('missing #app');
export default mount(App, { target });
