export default async function globalTeardown(): Promise<void> {
  const g = globalThis as unknown as Record<string, { stop(): Promise<void> } | undefined>;
  await g.__redis?.stop();
  await g.__pg?.stop();
}
