import type { CreateRoomRequest, CreateRoomResponse } from '@interview-room/protocol';
import { LIMITS } from '@interview-room/protocol';
import type { FormEvent } from 'react';
import { useEffect, useId, useState } from 'react';
import { CopyLinkField } from '../components/CopyLinkField.tsx';
import { QuestionPicker } from '../components/QuestionPicker.tsx';
import { SavedPlanPicker } from '../components/SavedPlanPicker.tsx';
import { useQuestionBank } from '../hooks/useQuestionBank.ts';
import { useSavedPlans } from '../hooks/useSavedPlans.ts';
import { ApiError, createRoom } from '../lib/api.ts';

type Field = 'title' | 'candidateName' | 'interviewerName' | 'questionIds' | 'savedPlanId';
type FieldErrors = Partial<Record<Field, string>>;

const FIELD_NAMES: Record<Field, string> = {
  title: 'Title',
  candidateName: 'Candidate name',
  interviewerName: 'Your name',
  questionIds: 'Questions',
  savedPlanId: 'Saved plan',
};

/** `questionIds.3` -> `questionIds`; unknown fields -> null (shown in the summary only). */
function fieldOf(path: string | undefined): Field | null {
  const head = path?.split('.')[0];
  return head && head in FIELD_NAMES ? (head as Field) : null;
}

function validate(title: string, candidateName: string): FieldErrors {
  const errors: FieldErrors = {};
  if (title.trim() === '') errors.title = 'Give the interview a title.';
  if (candidateName.trim() === '') errors.candidateName = 'Enter the candidate’s name.';
  return errors;
}

function TextField(props: {
  label: string;
  value: string;
  error: string | undefined;
  maxLength: number;
  placeholder: string;
  required?: boolean;
  autoComplete?: string;
  onChange: (value: string) => void;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id} className="field-label">
        {props.label}
        {!props.required && <span className="field-optional"> (optional)</span>}
      </label>
      <input
        id={id}
        className="input"
        value={props.value}
        maxLength={props.maxLength}
        placeholder={props.placeholder}
        required={props.required}
        autoComplete={props.autoComplete ?? 'off'}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={props.error ? `${id}-error` : undefined}
        onChange={(event) => props.onChange(event.target.value)}
      />
      {props.error && (
        <p id={`${id}-error`} className="field-error">
          {props.error}
        </p>
      )}
    </div>
  );
}

export function CreatePage() {
  const [bank, retryBank] = useQuestionBank();
  const [savedPlans, savedPlansApi] = useSavedPlans();
  const [savedPlanId, setSavedPlanId] = useState('');
  const [title, setTitle] = useState('');
  const [candidateName, setCandidateName] = useState('');
  const [interviewerName, setInterviewerName] = useState('');
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [created, setCreated] = useState<CreateRoomResponse | null>(null);

  const questions = bank.state === 'ready' ? bank.questions : [];
  // Default: the whole bank, in order.
  useEffect(() => {
    if (bank.state === 'ready') setSelected(new Set(bank.questions.map((q) => q.id)));
  }, [bank]);

  useEffect(() => {
    document.title = created ? 'Interview created · Interview Room' : 'New interview · Interview Room';
  }, [created]);

  const submit = async (event: FormEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault();
    const questionIds = questions.filter((q) => selected.has(q.id)).map((q) => q.id);
    const localErrors = validate(title, candidateName);
    setErrors(localErrors);
    setFormError(null);
    if (Object.keys(localErrors).length > 0) return;
    const request: CreateRoomRequest = { title: title.trim(), candidateName: candidateName.trim() };
    if (interviewerName.trim() !== '') request.interviewerName = interviewerName.trim();
    if (savedPlanId !== '') request.savedPlanId = savedPlanId;
    else if (bank.state === 'ready') request.questionIds = questionIds;
    setSubmitting(true);
    try {
      setCreated(await createRoom(request));
    } catch (err) {
      if (err instanceof ApiError) {
        const field = fieldOf(err.field);
        if (field) setErrors({ [field]: err.message });
        setFormError(
          field
            ? `Could not create the interview: check ${FIELD_NAMES[field]}.`
            : `Could not create the interview: ${err.message}`,
        );
      } else {
        setFormError('Something went wrong. Try again.');
      }
    } finally {
      setSubmitting(false);
    }
  };

  if (created) {
    return (
      <main className="page">
        <div className="page__inner page__inner--narrow">
          <PageHeader />
          <section className="card" aria-labelledby="created-heading">
            <h2 id="created-heading" className="card__title">
              Interview created
            </h2>
            <p className="card__lead">
              Send the candidate their link, then open yours. Each link carries its own access key: keep the
              interviewer link to yourself.
            </p>
            <div className="links">
              <CopyLinkField
                label="Interviewer link"
                audience="the interviewer"
                description="For you (and co-interviewers): controls, rubric, notes and scores."
                url={created.interviewer.url}
                openLabel="Open interviewer room"
              />
              <CopyLinkField
                label="Candidate link"
                audience="the candidate"
                description="For the candidate: the current question and the shared editor only."
                url={created.candidate.url}
              />
            </div>
            <div className="card__footer">
              <button
                type="button"
                className="button button--link"
                onClick={() => {
                  setCreated(null);
                  setTitle('');
                  setCandidateName('');
                }}
              >
                Create another interview
              </button>
            </div>
          </section>
        </div>
      </main>
    );
  }

  return (
    <main className="page">
      <div className="page__inner">
        <PageHeader />
        <form className="card create-form" onSubmit={(event) => void submit(event)} noValidate>
          <h2 className="card__title">New interview</h2>
          <div className="create-form__fields">
            <div className="create-form__title">
              <TextField
                label="Title"
                value={title}
                error={errors.title}
                maxLength={LIMITS.titleChars}
                placeholder="Backend engineer, Python round"
                required
                onChange={setTitle}
              />
            </div>
            <TextField
              label="Candidate name"
              value={candidateName}
              error={errors.candidateName}
              maxLength={LIMITS.nameChars}
              placeholder="Ada Lovelace"
              required
              onChange={setCandidateName}
            />
            <TextField
              label="Your name"
              value={interviewerName}
              error={errors.interviewerName}
              maxLength={LIMITS.nameChars}
              placeholder="Shown to the candidate"
              autoComplete="name"
              onChange={setInterviewerName}
            />
          </div>
          {bank.state === 'loading' && <p className="muted">Loading the question bank…</p>}
          {bank.state === 'error' && (
            <div className="inline-error" role="alert">
              <span>Could not load the question bank: {bank.message}</span>
              <button type="button" className="button button--small" onClick={retryBank}>
                Retry
              </button>
            </div>
          )}
          <SavedPlanPicker
            plans={savedPlans}
            api={savedPlansApi}
            bank={questions}
            value={savedPlanId}
            error={errors.savedPlanId ?? null}
            disabled={submitting}
            onChange={setSavedPlanId}
          />
          {bank.state === 'ready' && savedPlanId === '' && (
            <QuestionPicker
              questions={questions}
              selected={selected}
              disabled={submitting}
              error={errors.questionIds ?? null}
              onToggle={(id, checked) => {
                const next = new Set(selected);
                if (checked) next.add(id);
                else next.delete(id);
                setSelected(next);
              }}
              onSelectAll={(checked) => setSelected(new Set(checked ? questions.map((q) => q.id) : []))}
            />
          )}
          {formError && (
            <p className="form-error" role="alert">
              {formError}
            </p>
          )}
          <div className="card__footer">
            <button type="submit" className="button button--primary button--large" disabled={submitting}>
              {submitting ? 'Creating…' : 'Create interview'}
            </button>
          </div>
        </form>
      </div>
    </main>
  );
}

function PageHeader() {
  return (
    <header className="page-header">
      <span className="brand-mark brand-mark--large" aria-hidden="true">
        &lt;/&gt;
      </span>
      <div>
        <h1 className="page-header__title">Interview Room</h1>
        <p className="page-header__subtitle">
          A shared editor, a question plan and a private rubric, in one link.
        </p>
      </div>
    </header>
  );
}
