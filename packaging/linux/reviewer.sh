#!/bin/sh
# /usr/bin/reviewer: start the bundle installed under /opt/reviewer.
exec /opt/reviewer/reviewer "$@"
