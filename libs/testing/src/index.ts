export * from './platform';
export * from './session';
