export * from './platform';
export * from './session';
export * from './processes';
