import { Processor } from '@nestjs/bullmq';
import { EventHandlers, EventJobData, EventProcessor, QUEUES, EVENT_WORKER_OPTIONS } from '@waypoint/core';
import { refreshSearchDocuments } from '../search-document';

/** Keeps each employee's search document and skill vector in step with their profile. */
@Processor(QUEUES.people, EVENT_WORKER_OPTIONS)
export class PeopleProcessor extends EventProcessor {
  protected readonly handlers: EventHandlers = {
    EmployeeProfileUpdated: (data) => this.refresh(data),
    EmployeeSkillsChanged: (data) => this.refresh(data),
  };

  private async refresh(data: EventJobData<'EmployeeProfileUpdated' | 'EmployeeSkillsChanged'>): Promise<void> {
    await refreshSearchDocuments(this.db.manager, data.organizationId, [data.payload.employeeId], data.eventId);
  }
}
