import { Route, Routes } from 'react-router';
import { ChooseFileStep } from './choose-file-step';
import { MapColumnsStep } from './map-columns-step';
import { PreviewStep } from './preview-step';
import { RunStep } from './run-step';

/** Import as a stepper on one page, a URL per step: /import, /import/:id/map, /import/:id/preview, /import/:id. */
export function ImportPage() {
  return (
    <Routes>
      <Route index element={<ChooseFileStep />} />
      <Route path=":id/map" element={<MapColumnsStep />} />
      <Route path=":id/preview" element={<PreviewStep />} />
      <Route path=":id" element={<RunStep />} />
    </Routes>
  );
}
