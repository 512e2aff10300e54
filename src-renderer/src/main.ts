// Renderer entry: Vue app with Pinia, the router (hash history) and vue-i18n (en, zh-CN). The lab is reached only
// through LabApi (api/index.ts).
import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './App.vue';
import { i18n } from './i18n';
import { router } from './router';
import './styles.css';

createApp(App).use(createPinia()).use(router).use(i18n).mount('#app');
