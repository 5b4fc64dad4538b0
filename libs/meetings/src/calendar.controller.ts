import { Controller, Get, Param, Res } from '@nestjs/common';
import { Caller, conflict, CurrentUser, uuidPipe } from '@waypoint/core';
import { DepartmentService, PeopleService } from '@waypoint/people';
import type { Response } from 'express';
import { meetingIcs } from './meeting-ics';
import { MeetingsService } from './meetings.service';

/** Calendar files for calendar apps and browsers: `GET /calendar/meetings/:id.ics` with the bearer token. */
@Controller('calendar')
export class CalendarController {
  constructor(
    private readonly meetings: MeetingsService,
    private readonly people: PeopleService,
    private readonly departments: DepartmentService,
  ) {}

  @Get('meetings/:id.ics')
  async meetingInvite(@CurrentUser() caller: Caller, @Param('id', uuidPipe('id')) id: string, @Res() res: Response): Promise<void> {
    const m = await this.meetings.get(caller, id);
    const [people, [unit]] = await Promise.all([
      this.people.byIds(caller, [m.requesterId, m.inviteeId]),
      m.businessUnitId ? this.departments.byIds(caller, [m.businessUnitId]) : Promise.resolve([]),
    ]);
    const requester = people.find((p) => p.id === m.requesterId);
    const invitee = people.find((p) => p.id === m.inviteeId);
    const ics = requester && invitee ? meetingIcs(m, requester, invitee, unit?.name) : null;
    if (!ics) throw conflict('This meeting has no agreed time yet, so no calendar entry');
    res
      .status(200)
      .setHeader('content-type', 'text/calendar; charset=utf-8')
      .setHeader('content-disposition', `attachment; filename="research-meeting-${m.id}.ics"`)
      .setHeader('cache-control', 'private, no-store')
      .send(ics);
  }
}
