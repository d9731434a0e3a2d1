"""Exit 0 when the PostgreSQL server in argv[1] answers, 1 otherwise (used by `make test`)."""
import sys

from sqlalchemy import create_engine, text


def main(url: str) -> int:
    try:
        engine = create_engine(url, connect_args={"connect_timeout": 3})
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        engine.dispose()
        return 0
    except Exception as exc:  # any failure means "not available"
        print(f"PostgreSQL not available: {exc.__class__.__name__}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
