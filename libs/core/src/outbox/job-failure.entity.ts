import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A job that failed its last attempt: the visible record of work that did not happen. */
@Entity('job_failure')
export class JobFailure {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid', nullable: true })
  organizationId: string | null;

  @Column()
  queue: string;

  @Column()
  jobName: string;

  @Column()
  jobId: string;

  @Column({ type: 'uuid', nullable: true })
  eventId: string | null;

  @Column({ type: 'jsonb' })
  payload: unknown;

  @Column()
  error: string;

  @Column()
  attempts: number;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  failedAt: Date;
}
