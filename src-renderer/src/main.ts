// Renderer entry: mounts the Vue app with Pinia. The lab is reached only through LabApi (see api/index.ts).
import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './App.vue';
import './styles.css';

createApp(App).use(createPinia()).mount('#app');
