export * from './project.entity';
export * from './project.service';
export * from './participation.service';
export * from './policy';
export * from './projects.module';
export * from './jobs/announce-project';
