// Placeholder until the native kernel lands: nothing to build yet.
