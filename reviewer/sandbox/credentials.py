"""The demo sandbox's documented credentials (demo only), in a module of their own so that
starting the sandbox's process does not import the sandbox into the app's."""

DEMO_CLIENT_ID = "reviewer-demo-client"
DEMO_SECRET = "reviewer-demo-secret"  # noqa: S105 - documented demo credential, not a real secret
