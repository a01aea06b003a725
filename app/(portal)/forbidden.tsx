import { ErrorContent } from '@/components/layout/error-page';

export default function Forbidden() {
  return <ErrorContent kind="forbidden" />;
}
