"""``sincerely serve``: build, serve on 127.0.0.1, rebuild on every save, reload the browser.

session.py runs it; rebuild.py builds one project again and again in one process;
webserver.py, watch.py and reload.py are the server, the watcher and livereload.
"""
