import { Injectable } from '@nestjs/common';

/**
 * The time every time-dependent business rule reads (deadlines, expiry, reminders), instead of
 * `new Date()` or SQL `now()`. Tests move it with `set()`; in production it is the system clock.
 */
@Injectable()
export class Clock {
  private offsetMs = 0;

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  /** Test hook: make `now()` return `at` from this moment on (time keeps flowing from there). */
  set(at: Date): void {
    this.offsetMs = at.getTime() - Date.now();
  }

  advance(ms: number): void {
    this.offsetMs += ms;
  }
}
