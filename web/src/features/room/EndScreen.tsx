import type { ReactNode } from 'react';
import { PageTitle } from '../../ui/PageTitle';
import { RoomFrame } from './RoomFrame';

/** A calm card in the middle of the dark stage: connecting, ended, left, failed. */
export function EndScreen({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <RoomFrame heading={null}>
      <div className="room-card room-end">
        <PageTitle>{title}</PageTitle>
        {children}
      </div>
    </RoomFrame>
  );
}
