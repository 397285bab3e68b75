/*
 * alerts_http.h - the compliance workflow over HTTP (alerts_http.c):
 * GET /alerts, GET /alerts/{id}, POST /alerts/{id}/decision,
 * POST /book/import, POST /monitor.
 */
#ifndef KD_ALERTS_HTTP_H
#define KD_ALERTS_HTTP_H

struct srv_req;

int srv_h_alerts(struct srv_req *r);
int srv_h_alert(struct srv_req *r);
int srv_h_alert_post(struct srv_req *r);
int srv_h_book_import(struct srv_req *r);
int srv_h_monitor(struct srv_req *r);      /* monitor_http.c */
int srv_h_monitor_run(struct srv_req *r);  /* monitor_http.c */
int srv_h_monitor_runs(struct srv_req *r); /* monitor_http.c */
/* Ask a running monitor job to stop after its block; wait for it. */
void srv_monitor_stop(void);

/* This thread's store (NULL after answering 503), and the user the
 * request's key names ("" on an open server, NULL for nobody). */
struct kd_store;
struct kd_store *srv_req_store(struct srv_req *r);
const char *srv_req_user(struct srv_req *r);
int srv_h_audit(struct srv_req *r);       /* audit_http.c */
int srv_h_ui(struct srv_req *r);          /* ui.c */
int srv_h_ui_redirect(struct srv_req *r); /* ui.c */
int srv_h_whoami(struct srv_req *r);      /* ui.c */

#endif
