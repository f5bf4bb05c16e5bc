import { useId } from 'react';
import { SHORTCUT_HELP } from '../lib/shortcuts.ts';
import { Modal } from './Modal.tsx';

/** Every keyboard shortcut; `?` (or Alt+/) opens it, Escape closes it. */
export function ShortcutHelp({ open, onClose }: { open: boolean; onClose: () => void }) {
  const titleId = useId();
  return (
    <Modal open={open} onClose={onClose} labelledBy={titleId} className="dialog--shortcuts">
      <h2 id={titleId} className="dialog__title">
        Keyboard shortcuts
      </h2>
      <p className="dialog__text">They never fire while you type in the editor, the notes or a field.</p>
      <table className="shortcuts">
        <thead>
          <tr>
            <th scope="col">Keys</th>
            <th scope="col">Does</th>
          </tr>
        </thead>
        <tbody>
          {SHORTCUT_HELP.map((entry) => (
            <tr key={entry.description}>
              <td>
                {entry.keys.map((key, i) => (
                  <span key={key}>
                    {i > 0 && (entry.keys[0] === 'Alt+1' ? ' … ' : ' or ')}
                    <kbd>{key}</kbd>
                  </span>
                ))}
              </td>
              <td>{entry.description}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="dialog__actions">
        {/* biome-ignore lint/a11y/noAutofocus: the only control; Escape works too */}
        <button type="button" className="button" autoFocus onClick={onClose}>
          Close
        </button>
      </div>
    </Modal>
  );
}
