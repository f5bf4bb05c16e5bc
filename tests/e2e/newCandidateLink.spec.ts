import { expect, test } from '@playwright/test';
import { createInterviewViaUi, newActors } from './fixtures.ts';

test('the interviewer replaces the candidate link: the open candidate page is cut off, the new link works', async ({
  browser,
}) => {
  const { interviewer, candidate } = await newActors(browser);
  const links = await createInterviewViaUi(interviewer, {
    title: 'Leaked link',
    candidateName: 'Ada Lovelace',
    interviewerName: 'Grace Hopper',
  });
  await interviewer.goto(links.interviewerUrl);
  await candidate.goto(links.candidateUrl);
  await expect(candidate.getByRole('list', { name: 'People in the room' })).toContainText('Grace Hopper');

  await interviewer.getByRole('button', { name: 'New candidate link' }).click();
  const dialog = interviewer.getByRole('dialog', { name: 'Replace the candidate link?' });
  await dialog.getByRole('button', { name: 'Replace link' }).click();
  const fresh = await interviewer
    .getByRole('dialog', { name: 'Candidate link replaced' })
    .getByLabel('New candidate link')
    .inputValue();
  expect(fresh).toMatch(/\/room\/[A-Za-z0-9_-]{22}#token=[A-Za-z0-9_-]{43}$/);
  expect(fresh).not.toBe(links.candidateUrl);
  await interviewer.getByRole('button', { name: 'Done' }).click();

  // Whoever holds the old link is disconnected and cannot get back in.
  await expect(candidate.getByRole('heading', { name: 'This link is invalid or has expired' })).toBeVisible();
  await candidate.goto(links.candidateUrl);
  await candidate.reload();
  await expect(candidate.getByRole('heading', { name: 'This link is invalid or has expired' })).toBeVisible();

  // The new link works, and the interviewer never left.
  await candidate.goto(fresh);
  await candidate.reload();
  await expect(candidate.getByRole('list', { name: 'People in the room' })).toContainText('Grace Hopper');
  await expect(interviewer.getByRole('list', { name: 'People in the room' })).toContainText('Ada Lovelace');
});
