// Run options live beside the training code that reads them (train/run-options.ts); the settings part's name for them.
export * from '../../train/run-options';
