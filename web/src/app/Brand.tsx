import { Link } from './router';

export function Brand() {
  return (
    <Link to="/" className="brand">
      <img src="/favicon.svg" alt="" width={28} height={28} />
      <span>Plenum</span>
    </Link>
  );
}
