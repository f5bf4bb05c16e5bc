import type { ComponentProps } from 'react';
import { useId } from 'react';
import { Modal } from './Modal.tsx';
import { PlanBuilder } from './PlanBuilder.tsx';

interface Props extends ComponentProps<typeof PlanBuilder> {
  open: boolean;
  onClose: () => void;
}

/** The plan builder over the room, during the interview: questions not reached yet can change. */
export function PlanBuilderDialog({ open, onClose, ...builder }: Props) {
  const titleId = useId();
  return (
    <Modal open={open} onClose={onClose} labelledBy={titleId} className="dialog--builder">
      <div className="dialog--builder__head">
        <h2 id={titleId} className="dialog__title">
          Edit the plan
        </h2>
        <p className="dialog__text">
          Questions already reached stay where they are. Changes are saved as you make them.
        </p>
        {/* biome-ignore lint/a11y/noAutofocus: Escape or this closes the builder */}
        <button type="button" className="button" autoFocus onClick={onClose}>
          Done
        </button>
      </div>
      <PlanBuilder {...builder} />
    </Modal>
  );
}
