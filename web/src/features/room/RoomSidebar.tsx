import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { sidePanels, type RoomFeatureProps } from './extensions';

/** The side column: the participant list and the features' panels, one at a time behind tabs. */
export function RoomSidebar(props: RoomFeatureProps) {
  const { t } = useTranslation();
  const offered = sidePanels.filter((panel) => panel.offered?.(props.room) ?? true);
  const [selectedId, select] = useState(offered[0]?.id);
  const selected = offered.find((panel) => panel.id === selectedId) ?? offered[0];
  if (!selected) return null;
  return (
    <div className="room-sidebar">
      {offered.length > 1 && (
        <div className="sidebar-tabs" role="tablist" aria-label={t('room.sidebar')}>
          {offered.map((panel) => (
            <button
              key={panel.id}
              type="button"
              role="tab"
              id={`tab-${panel.id}`}
              aria-selected={panel === selected}
              aria-controls={`panel-${panel.id}`}
              onClick={() => select(panel.id)}
            >
              {panel.Label ? <panel.Label {...props} /> : t(panel.labelKey)}
            </button>
          ))}
        </div>
      )}
      <div
        className="sidebar-panel"
        role={offered.length > 1 ? 'tabpanel' : undefined}
        id={`panel-${selected.id}`}
        aria-labelledby={offered.length > 1 ? `tab-${selected.id}` : undefined}
      >
        <selected.Component {...props} />
      </div>
    </div>
  );
}
