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
int srv_h_monitor(struct srv_req *r);

#endif
