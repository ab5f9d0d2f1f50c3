// Generated from Pacer's OpenAPI document (allRoutes() in src/server/app.ts) by `npm run web:api-types`.
// Do not edit: test/web-api-types.test.ts fails when this file no longer matches the server.

export interface paths {
    "/api/accounts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List accounts, filtered, sorted and paginated by cursor */
        get: operations["getApiAccounts"];
        put?: never;
        /** Create a account */
        post: operations["postApiAccounts"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/accounts/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a account */
        get: operations["getApiAccountsId"];
        put?: never;
        post?: never;
        /** Delete a account and everything it owns */
        delete: operations["deleteApiAccountsId"];
        options?: never;
        head?: never;
        /** Change some fields of a account */
        patch: operations["patchApiAccountsId"];
        trace?: never;
    };
    "/api/accounts/external/{externalId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Create or update the account with this external id (fields left out keep their values) */
        put: operations["putApiAccountsExternalExternalId"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/contacts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List contacts, filtered, sorted and paginated by cursor */
        get: operations["getApiContacts"];
        put?: never;
        /** Create a contact */
        post: operations["postApiContacts"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/contacts/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a contact */
        get: operations["getApiContactsId"];
        put?: never;
        post?: never;
        /** Delete a contact */
        delete: operations["deleteApiContactsId"];
        options?: never;
        head?: never;
        /** Change some fields of a contact */
        patch: operations["patchApiContactsId"];
        trace?: never;
    };
    "/api/contacts/external/{externalId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Create or update the contact with this external id (fields left out keep their values) */
        put: operations["putApiContactsExternalExternalId"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/subscriptions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List subscriptions, filtered, sorted and paginated by cursor */
        get: operations["getApiSubscriptions"];
        put?: never;
        /** Create a subscription */
        post: operations["postApiSubscriptions"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/subscriptions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a subscription */
        get: operations["getApiSubscriptionsId"];
        put?: never;
        post?: never;
        /** Delete a subscription */
        delete: operations["deleteApiSubscriptionsId"];
        options?: never;
        head?: never;
        /** Change some fields of a subscription */
        patch: operations["patchApiSubscriptionsId"];
        trace?: never;
    };
    "/api/subscriptions/external/{externalId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Create or update the subscription with this external id (fields left out keep their values) */
        put: operations["putApiSubscriptionsExternalExternalId"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/notes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List notes, filtered, sorted and paginated by cursor */
        get: operations["getApiNotes"];
        put?: never;
        /** Create a note */
        post: operations["postApiNotes"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/notes/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a note */
        get: operations["getApiNotesId"];
        put?: never;
        post?: never;
        /** Delete a note */
        delete: operations["deleteApiNotesId"];
        options?: never;
        head?: never;
        /** Change some fields of a note */
        patch: operations["patchApiNotesId"];
        trace?: never;
    };
    "/api/survey-responses": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List survey-responses, filtered, sorted and paginated by cursor */
        get: operations["getApiSurveyResponses"];
        put?: never;
        /** Create a survey response */
        post: operations["postApiSurveyResponses"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/survey-responses/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a survey response */
        get: operations["getApiSurveyResponsesId"];
        put?: never;
        post?: never;
        /** Delete a survey response */
        delete: operations["deleteApiSurveyResponsesId"];
        options?: never;
        head?: never;
        /** Change some fields of a survey response */
        patch: operations["patchApiSurveyResponsesId"];
        trace?: never;
    };
    "/api/tickets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List tickets, filtered, sorted and paginated by cursor */
        get: operations["getApiTickets"];
        put?: never;
        /** Create a ticket */
        post: operations["postApiTickets"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/tickets/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a ticket */
        get: operations["getApiTicketsId"];
        put?: never;
        post?: never;
        /** Delete a ticket */
        delete: operations["deleteApiTicketsId"];
        options?: never;
        head?: never;
        /** Change some fields of a ticket */
        patch: operations["patchApiTicketsId"];
        trace?: never;
    };
    "/api/tickets/external/{externalId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Create or update the ticket with this external id (fields left out keep their values) */
        put: operations["putApiTicketsExternalExternalId"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List users, filtered, sorted and paginated by cursor */
        get: operations["getApiUsers"];
        put?: never;
        /** Create a team user */
        post: operations["postApiUsers"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/users/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a team user */
        get: operations["getApiUsersId"];
        put?: never;
        post?: never;
        /** Delete a team user */
        delete: operations["deleteApiUsersId"];
        options?: never;
        head?: never;
        /** Change some fields of a team user */
        patch: operations["patchApiUsersId"];
        trace?: never;
    };
    "/api/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign in with email and password: sets the session cookie and returns the CSRF token */
        post: operations["postApiAuthLogin"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Who is calling: the signed-in person (with the CSRF token) or the key */
        get: operations["getApiAuthMe"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign out: ends this session and clears the cookie */
        post: operations["postApiAuthLogout"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/logout-everywhere": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign out everywhere: ends every session of the signed-in person */
        post: operations["postApiAuthLogoutEverywhere"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Who changed what, newest first */
        get: operations["getApiAudit"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/track": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Segment track call */
        post: operations["postV1Track"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/page": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Segment page call */
        post: operations["postV1Page"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/screen": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Segment screen call */
        post: operations["postV1Screen"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/identify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Segment identify call */
        post: operations["postV1Identify"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/group": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Segment group call */
        post: operations["postV1Group"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/batch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Segment batch: many track/page/screen/identify/group messages in one call; bad ones are listed, good ones kept */
        post: operations["postV1Batch"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Segment batch: many track/page/screen/identify/group messages in one call; bad ones are listed, good ones kept */
        post: operations["postV1Import"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/t": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Segment track call, as analytics.js sends it */
        post: operations["postV1T"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/p": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Segment page call, as analytics.js sends it */
        post: operations["postV1P"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/s": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Segment screen call, as analytics.js sends it */
        post: operations["postV1S"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/i": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Segment identify call, as analytics.js sends it */
        post: operations["postV1I"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/g": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Segment group call, as analytics.js sends it */
        post: operations["postV1G"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/a": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Segment alias call, as analytics.js sends it: refused with the reason (Pacer knows a person by userId) */
        post: operations["postV1A"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/b": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Segment batch: many track/page/screen/identify/group messages in one call; bad ones are listed, good ones kept */
        post: operations["postV1B"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/projects/{writeKey}/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** analytics.js's settings for a write key: set its cdnURL to Pacer's address and it sends events here */
        get: operations["getV1ProjectsWriteKeySettings"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/usage/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** How far ingestion has got: events in the rollups, counts still queued, events waiting for their account */
        get: operations["getApiUsageStatus"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/accounts/{id}/usage": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An account's usage by day or week, and its DAU/WAU/MAU, stickiness, licence use, breadth and trend */
        get: operations["getApiAccountsIdUsage"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/accounts/{id}/usage/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Each user of an account: last active day, days since, and events in the last 30 days */
        get: operations["getApiAccountsIdUsageUsers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/accounts/{id}/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An account's raw events, newest first, paginated by cursor (kept for the retention period) */
        get: operations["getApiAccountsIdEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/settings/usage": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Key features and raw-event retention */
        get: operations["getApiSettingsUsage"];
        /** Set the key features and raw-event retention */
        put: operations["putApiSettingsUsage"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/accounts/{id}/stakeholders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Each person at the account with their own engagement score, key roles first, and signals (champion gone quiet) */
        get: operations["getApiAccountsIdStakeholders"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/accounts/{id}/health/overrides": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An account's overrides, live, lapsed and removed (endedAt), newest first */
        get: operations["getApiAccountsIdHealthOverrides"];
        put?: never;
        /** Set a measure or the overall colour by hand, with a reason and an expiry; it shows as overridden */
        post: operations["postApiAccountsIdHealthOverrides"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/accounts/{id}/health/overrides/{overrideId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove an override: it ends now (scores of earlier days keep it); the latest live override is the one in force */
        delete: operations["deleteApiAccountsIdHealthOverridesOverrideId"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/accounts/{id}/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An account's health score, every measure behind it, and what moved it since an earlier day */
        get: operations["getApiAccountsIdHealth"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/accounts/{id}/health/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An account's stored health snapshots by day: score, colour, and active users, licence utilisation, key features and P(alive) as scored that day */
        get: operations["getApiAccountsIdHealthHistory"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/accounts/{id}/health/score": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Score this account now (as of today) and store the snapshot */
        post: operations["postApiAccountsIdHealthScore"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/scorecards": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The current version of every scorecard */
        get: operations["getApiScorecards"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/scorecards/{name}/versions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Save a new version of a scorecard (measures, groups, weights, bands, missing-value rules, stages) */
        post: operations["postApiScorecardsNameVersions"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/accounts/{id}/churn-risk": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The account's churn probability for the horizon, with the factors raising and lowering it */
        get: operations["getApiAccountsIdChurnRisk"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/churn/risks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The portfolio by churn risk: the latest risk of every scored account with its MRR and MRR at risk (in the reporting currency at the rate in force on the scoring day, or in the account's own currency where no rate is), owner and health; totals per currency; paged by cursor */
        get: operations["getApiChurnRisks"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/churn/model": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The churn model in use: what it learned from, what churn means for it, how it validated */
        get: operations["getApiChurnModel"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/churn/train": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Train a churn model now (in a worker thread) and rescore every account with it */
        post: operations["postApiChurnTrain"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/settings/churn": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The churn horizon and what churn means */
        get: operations["getApiSettingsChurn"];
        /** Set the churn horizon and what churn means (used from the next training) */
        put: operations["putApiSettingsChurn"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/portfolio": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every account with its latest health, churn risk, MRR/ARR and MRR at risk (reporting currency), next renewal, owner, stage, tier and last activity; filtered, sorted and paged by cursor */
        get: operations["getApiPortfolio"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/portfolio/summary": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The portfolio totals over the accounts matching the filters: MRR and MRR at risk per currency, accounts by health colour, renewals in the next 90 days */
        get: operations["getApiPortfolioSummary"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/accounts/{id}/overview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An account's key facts: its fields, owner, MRR/ARR (reporting currency), next renewal, first seen, last active, and what the caller may change */
        get: operations["getApiAccountsIdOverview"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/accounts/{id}/timeline": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An account's history, newest first: notes, survey answers, tickets, subscription changes, lifecycle changes and health colour changes; paged by `before` */
        get: operations["getApiAccountsIdTimeline"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The reporting currency, the dated exchange rates into it, and what tracking calls may change */
        get: operations["getApiSettings"];
        /** Set the reporting currency and the exchange rates into it (each with the day it takes effect; replaces the table), and which account fields tracking calls may change */
        put: operations["putApiSettings"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/imports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Recent imports, newest first */
        get: operations["getApiImports"];
        put?: never;
        /** Upload a file to import: the raw file as the body (text/csv, application/x-ndjson, or either as application/gzip), its name in ?name=; answers the columns and first rows */
        post: operations["postApiImports"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/imports/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An import: its file, and while it runs or after, rows read, loaded and rejected */
        get: operations["getApiImportsId"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/imports/{id}/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The mapping suggested for a kind, and the first rows mapped and coerced with the mapping given (else the suggested one), rejected rows with each field and reason */
        post: operations["postApiImportsIdPreview"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/imports/{id}/run": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Load the file with this kind and mapping, in the background; follow it with GET /api/imports/:id (safe to run again: rows already loaded are not loaded twice) */
        post: operations["postApiImportsIdRun"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/imports/{id}/rejects": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The rejected rows of the last run as CSV (line, reason, row as written) */
        get: operations["getApiImportsIdRejects"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every API key, live and revoked, with its first and last use (never its secret) */
        get: operations["getApiKeys"];
        put?: never;
        /** Make an API key; its secret and a snippet using it are in this answer and never again */
        post: operations["postApiKeys"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/keys/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke a key: it stops working at once */
        delete: operations["deleteApiKeysId"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/trust/health-backtest": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The latest health backtest: churn by colour, watermelons, ROC-AUC and suggested weights judged on held-out month-ends; computed on first request when there is none */
        get: operations["getApiTrustHealthBacktest"];
        put?: never;
        /** Recompute the health backtest in the background; poll the GET for its state */
        post: operations["postApiTrustHealthBacktest"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/trust/health-backtest/accept": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Save the latest health backtest's suggested weights as the scorecard's next version, if they rank the held-out month-ends better than the current weights */
        post: operations["postApiTrustHealthBacktestAccept"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/trust/churn-evaluation": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The latest churn evaluation: the model beside the health score and days since active on the same held-out month-ends (ROC curves, calibration, lift); computed on first request when there is none */
        get: operations["getApiTrustChurnEvaluation"];
        put?: never;
        /** Recompute the churn evaluation in the background (models train in a worker thread); poll the GET */
        post: operations["postApiTrustChurnEvaluation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/scorecards/{name}/backtest": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Backtest a proposed scorecard definition beside the saved version of that scorecard, over the same month-ends (every account live on each, whatever its stage); saves nothing */
        post: operations["postApiScorecardsNameBacktest"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/playbooks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every playbook, its current version and whether it is on (the shipped ones appear, off, on first read) */
        get: operations["getApiPlaybooks"];
        put?: never;
        /** Make a playbook (version 1); off unless `enabled` says otherwise */
        post: operations["postApiPlaybooks"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/playbooks/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A playbook with every saved version, newest first */
        get: operations["getApiPlaybooksId"];
        /** Save a playbook’s whole definition as its next version (earlier versions are kept) */
        put: operations["putApiPlaybooksId"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/playbooks/{id}/enable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Turn a playbook on */
        post: operations["postApiPlaybooksIdEnable"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/playbooks/{id}/disable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Turn a playbook off */
        post: operations["postApiPlaybooksIdDisable"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/playbooks/{id}/dry-run": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Which accounts the playbook would hit now, and why, riskiest first (at most 1000; total counts all). The body may carry an unsaved definition to try instead of the saved one. */
        post: operations["postApiPlaybooksIdDryRun"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/tasks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Tasks in My day order: overdue first, then by churn risk × MRR (reporting currency) × urgency of the due date; by default the signed-in person’s open tasks and those whose snooze has ended */
        get: operations["getApiTasks"];
        put?: never;
        /** Make a task (a CSM on the accounts they own); with a dedupeKey, a task not yet done with the same account, playbook and key is updated instead (answer 200) */
        post: operations["postApiTasks"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/tasks/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Complete (status done), reopen (status open), snooze (snoozedUntil), reassign (assigneeId, or null and a pool), or edit the title, priority, due date or checklist of a task */
        patch: operations["patchApiTasksId"];
        trace?: never;
    };
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness: { ok: true }; with an admin key also the version and the database engine */
        get: operations["getHealthz"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        Error: {
            /** @description A machine-readable code: invalid_request, unauthorized, forbidden, not_found, conflict. */
            error: string;
            /** @description What went wrong, naming the fields. */
            message: string;
            issues: {
                field: string;
                message: string;
            }[];
        };
        Account: {
            /** Format: uuid */
            id: string;
            externalId: string | null;
            name: string;
            domain: string | null;
            industry: string | null;
            employees: number | null;
            country: string | null;
            plan: string | null;
            /** @enum {string} */
            lifecycleStage: "onboarding" | "adoption" | "renewal" | "expansion" | "advocacy" | "churned";
            ownerId: string | null;
            coverageTier: ("high_touch" | "low_touch" | "tech_touch") | null;
            parentId: string | null;
            firstSeenAt: string;
            traits: {
                [key: string]: unknown;
            };
            createdAt: string;
            updatedAt: string;
        };
        Contact: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            accountId: string;
            externalId: string | null;
            email: string | null;
            name: string | null;
            title: string | null;
            role: ("executive_sponsor" | "decision_maker" | "champion" | "admin" | "end_user") | null;
            active: boolean;
            traits: {
                [key: string]: unknown;
            };
            createdAt: string;
            updatedAt: string;
        };
        Subscription: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            accountId: string;
            externalId: string | null;
            plan: string | null;
            mrr: number;
            amount: number | null;
            currency: string;
            seats: number | null;
            /** @enum {string} */
            billingPeriod: "month" | "quarter" | "year";
            startDate: string;
            endDate: string | null;
            renewalDate: string | null;
            /** @enum {string} */
            status: "trial" | "active" | "cancelled" | "expired";
            cancelledAt: string | null;
            cancelReason: string | null;
            createdAt: string;
            updatedAt: string;
        };
        Note: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            accountId: string;
            contactId: string | null;
            author: string;
            body: string;
            sentiment: number | null;
            tags: string[];
            occurredAt: string;
            createdAt: string;
            updatedAt: string;
        };
        SurveyResponse: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            accountId: string;
            contactId: string | null;
            /** @enum {string} */
            kind: "nps" | "csat" | "ces";
            score: number;
            comment: string | null;
            answeredAt: string;
            createdAt: string;
            updatedAt: string;
        };
        Ticket: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            accountId: string;
            externalId: string | null;
            contactId: string | null;
            subject: string | null;
            openedAt: string;
            closedAt: string | null;
            /** @enum {string} */
            priority: "low" | "normal" | "high" | "urgent";
            /** @enum {string} */
            status: "open" | "pending" | "solved" | "closed";
            firstResponseMinutes: number | null;
            resolutionMinutes: number | null;
            satisfaction: number | null;
            createdAt: string;
            updatedAt: string;
        };
        TeamUser: {
            /** Format: uuid */
            id: string;
            email: string;
            name: string;
            /** @enum {string} */
            role: "admin" | "leader" | "csm" | "viewer";
            /** @description Has a password and is not disabled. */
            canSignIn: boolean;
            disabled: boolean;
            createdAt: string;
            updatedAt: string;
        };
        Me: {
            /** @enum {string} */
            kind: "user" | "key";
            user?: {
                /** Format: uuid */
                id: string;
                email: string;
                name: string;
                /** @enum {string} */
                role: "admin" | "leader" | "csm" | "viewer";
            };
            key?: {
                /** Format: uuid */
                id: string;
                scope: string;
            };
            /** @description Send it as X-CSRF-Token with every change made while signed in. */
            csrfToken?: string;
        };
        AccountUsage: {
            /** Format: uuid */
            accountId: string;
            from: string;
            to: string;
            /** @enum {string} */
            granularity: "day" | "week";
            series: {
                /** @description The day, or the Monday of the week. */
                period: string;
                events: {
                    [key: string]: number;
                };
                totalEvents: number;
                activeUsers: number;
                /** @description How many of the configured key features were used in the period. */
                keyFeaturesUsed: number;
            }[];
            summary: {
                asOf: string;
                dau: number;
                wau: number;
                mau: number;
                stickiness: number | null;
                seats: number | null;
                licenceUtilisation: number | null;
                breadth: {
                    used: string[];
                    configured: string[];
                    share: number | null;
                };
                lastActiveDay: string | null;
                daysSinceLastActive: number | null;
                eventsWeekOverWeek: number | null;
                activeUsersWeekOverWeek: number | null;
            };
        };
        Stakeholders: {
            stakeholders: {
                /** Format: uuid */
                contactId: string;
                externalId: string | null;
                name: string | null;
                email: string | null;
                role: string | null;
                active: boolean;
                daysSinceActive: number | null;
                activeDays30: number;
                latestNps: number | null;
                score: number | null;
                color: ("red" | "yellow" | "green") | null;
                reasons: string[];
            }[];
            /** @description In English words; signalDetails holds their parts, same order. */
            signals: string[];
            signalDetails: {
                /** @enum {string} */
                kind: "champion_inactive" | "champion_quiet" | "sponsor_inactive" | "no_active_champion";
                contactId: string | null;
                who: string | null;
                daysSinceActive: number | null;
                othersActive: number;
            }[];
        };
        HealthOverride: {
            /** Format: uuid */
            id: string;
            measure: string | null;
            score: number | null;
            color: string | null;
            reason: string;
            expiresAt: string | null;
            createdBy: string;
            createdAt: string;
            endedAt: string | null;
        };
        HealthExplanation: {
            /** Format: uuid */
            accountId: string;
            asOf: string;
            scorecard: string;
            scorecardVersion: number;
            score: number | null;
            color: ("red" | "yellow" | "green") | null;
            computedColor: ("red" | "yellow" | "green") | null;
            override: {
                measure: string | null;
                score?: number;
                /** @enum {string} */
                color?: "red" | "yellow" | "green";
                reason: string;
                expiresAt: string | null;
                by: string;
                createdAt?: string;
                endedAt?: string | null;
            } | null;
            measures: {
                /** @description The measure id (usage.licence_utilisation): translate by it. */
                measure: string;
                /** @description The scorecard's English label. */
                label: string;
                value: number | null;
                /** @description 0–100: the measure's band or scale score. */
                score: number | null;
                color: ("red" | "yellow" | "green") | null;
                effectiveWeight: number;
                /** @description Points this measure adds to the overall score. */
                points: number;
                missing: boolean;
                override?: {
                    measure: string | null;
                    score?: number;
                    /** @enum {string} */
                    color?: "red" | "yellow" | "green";
                    reason: string;
                    expiresAt: string | null;
                    by: string;
                    createdAt?: string;
                    endedAt?: string | null;
                };
            }[];
            groups: {
                name: string;
                /** @enum {string} */
                mode: "weighted" | "worst";
                measures: string[];
                points: number;
            }[];
            comparedWith: {
                asOf: string;
                score: number | null;
                color: ("red" | "yellow" | "green") | null;
            } | null;
            trend: ("up" | "down" | "flat") | null;
            /** @description What moved the score since comparedWith, largest effect first: the parts of each sentence. */
            changes: {
                measure: string;
                label: string;
                from: number | null;
                to: number | null;
                /** @description Change in points the measure adds to the overall score. */
                points: number;
            }[];
            /** @description The changes in English words, same order. */
            sentences: string[];
        };
        HealthHistory: {
            /** Format: uuid */
            accountId: string;
            from: string;
            to: string;
            days: {
                day: string;
                score: number | null;
                colour: ("red" | "yellow" | "green") | null;
                overridden: boolean;
                measures: {
                    activeUsers30d: number | null;
                    licenceUtilisation: number | null;
                    /** @description Share (0–1) of the key features used in 30 days. */
                    keyFeaturesUsed: number | null;
                    probabilityAlive: number | null;
                };
            }[];
        };
        __schema0: components["schemas"]["ScorecardGroup"];
        ScorecardGroup: {
            /** @constant */
            type: "group";
            name: string;
            weight: number;
            /** @enum {string} */
            mode: "weighted" | "worst";
            children: ({
                /** @constant */
                type: "measure";
                /** @description The id of a measure, e.g. usage.licence_utilisation. */
                measure: string;
                label?: string;
                weight: number;
                scale: {
                    /** @constant */
                    kind: "bands";
                    bands: {
                        min?: number;
                        max?: number;
                        score: number;
                        /** @enum {string} */
                        color: "red" | "yellow" | "green";
                    }[];
                } | {
                    /** @constant */
                    kind: "linear";
                    from: number;
                    to: number;
                };
                missing: {
                    /** @constant */
                    kind: "exclude";
                } | {
                    /** @constant */
                    kind: "fixed";
                    score: number;
                };
            } | components["schemas"]["__schema0"])[];
        };
        __schema02: components["schemas"]["ScorecardGroup2"];
        ScorecardGroup2: {
            /** @constant */
            type: "group";
            name: string;
            weight: number;
            /** @enum {string} */
            mode: "weighted" | "worst";
            children: ({
                /** @constant */
                type: "measure";
                /** @description The id of a measure, e.g. usage.licence_utilisation. */
                measure: string;
                label?: string;
                weight: number;
                scale: {
                    /** @constant */
                    kind: "bands";
                    bands: {
                        min?: number;
                        max?: number;
                        score: number;
                        /** @enum {string} */
                        color: "red" | "yellow" | "green";
                    }[];
                } | {
                    /** @constant */
                    kind: "linear";
                    from: number;
                    to: number;
                };
                missing: {
                    /** @constant */
                    kind: "exclude";
                } | {
                    /** @constant */
                    kind: "fixed";
                    score: number;
                };
            } | components["schemas"]["__schema02"])[];
        };
        AccountChurnRisk: {
            risk: {
                probability: number;
                asOf: string;
                computedAt: string;
                raising: ({
                    /** @description The feature (billing.days_to_next_renewal): word it by this in any language. */
                    feature?: string;
                    /** @description The value in English words. */
                    text: string;
                    /** @description Percentage points it moves the churn probability (positive raises it). */
                    points: number;
                    /** @description The feature's value (absent on older predictions). */
                    value?: number | string | null;
                    /** @description For billing.mrr: the currency of its value in minor units. */
                    currency?: string | null;
                    /**
                     * @description Whether it raises or lowers the risk.
                     * @enum {string}
                     */
                    direction?: "raising" | "lowering";
                } & {
                    [key: string]: unknown;
                })[];
                lowering: ({
                    /** @description The feature (billing.days_to_next_renewal): word it by this in any language. */
                    feature?: string;
                    /** @description The value in English words. */
                    text: string;
                    /** @description Percentage points it moves the churn probability (positive raises it). */
                    points: number;
                    /** @description The feature's value (absent on older predictions). */
                    value?: number | string | null;
                    /** @description For billing.mrr: the currency of its value in minor units. */
                    currency?: string | null;
                    /**
                     * @description Whether it raises or lowers the risk.
                     * @enum {string}
                     */
                    direction?: "raising" | "lowering";
                } & {
                    [key: string]: unknown;
                })[];
                modelId: string;
            } | null;
            /** @description Why there is no risk, when there is none. */
            message?: string;
            model?: {
                id: string;
                churnMeans: string;
                horizonDays: number;
                estimator: string;
                trainedAt: string;
                validationAuc?: number | null;
            } | null;
        };
        AccountOverview: {
            /** Format: uuid */
            id: string;
            externalId: string | null;
            name: string;
            domain: string | null;
            industry: string | null;
            country: string | null;
            plan: string | null;
            lifecycleStage: string;
            tier: string | null;
            owner: {
                /** Format: uuid */
                id: string;
                name: string | null;
            } | null;
            firstSeenAt: string;
            /** @description In the reporting currency, or the account's own where no rate is in force. */
            mrr: {
                /** @description Exact decimal in major units. */
                amount: string;
                currency: string;
            } | null;
            arr: {
                /** @description Exact decimal in major units. */
                amount: string;
                currency: string;
            } | null;
            /** @description The next renewal of a live subscription. */
            renewalDate: string | null;
            /** @description The last UTC day with any usage. */
            lastActiveDay: string | null;
            /** @description What the caller may change here: a CSM edits only their own accounts' fields. */
            youMay: {
                editAccount: boolean;
                addNote: boolean;
                overrideHealth: boolean;
            };
        };
        TimelineItem: {
            /** @constant */
            kind: "note";
            id: string;
            /** @description ISO instant; for a day-dated fact (allDay) the start of that UTC day. */
            at: string;
            allDay: boolean;
            actor: string | null;
            body: string;
            sentiment: number | null;
            tags: string[];
            contact: string | null;
        } | {
            /** @constant */
            kind: "survey";
            id: string;
            /** @description ISO instant; for a day-dated fact (allDay) the start of that UTC day. */
            at: string;
            allDay: boolean;
            actor: string | null;
            /** @enum {string} */
            survey: "nps" | "csat" | "ces";
            score: number;
            comment: string | null;
            contact: string | null;
        } | {
            /** @constant */
            kind: "ticket";
            id: string;
            /** @description ISO instant; for a day-dated fact (allDay) the start of that UTC day. */
            at: string;
            allDay: boolean;
            actor: string | null;
            subject: string | null;
            priority: string;
            status: string;
            closedAt: string | null;
        } | {
            /** @constant */
            kind: "subscription";
            id: string;
            /** @description ISO instant; for a day-dated fact (allDay) the start of that UTC day. */
            at: string;
            allDay: boolean;
            actor: string | null;
            /** @enum {string} */
            change: "started" | "cancelled" | "ended";
            subscriptionId: string;
            plan: string | null;
            mrr: {
                /** @description Exact decimal in major units. */
                amount: string;
                currency: string;
            };
            seats: number | null;
            billingPeriod: string;
            cancelReason: string | null;
        } | {
            /** @constant */
            kind: "lifecycle";
            id: string;
            /** @description ISO instant; for a day-dated fact (allDay) the start of that UTC day. */
            at: string;
            allDay: boolean;
            actor: string | null;
            from: string | null;
            to: string;
        } | {
            /** @constant */
            kind: "score";
            id: string;
            /** @description ISO instant; for a day-dated fact (allDay) the start of that UTC day. */
            at: string;
            allDay: boolean;
            actor: string | null;
            /** @description The colour of the snapshot before; null on the first scored day. */
            from: ("red" | "yellow" | "green") | null;
            to: ("red" | "yellow" | "green") | null;
            score: number | null;
            previousScore: number | null;
        };
        ApiKey: {
            /** Format: uuid */
            id: string;
            name: string;
            /** @enum {string} */
            scope: "ingest" | "viewer" | "csm" | "admin";
            /** @description A public ingest key for the product’s pages: records usage, changes no stored field. */
            browser: boolean;
            /** @description Each user is its own account. */
            b2c: boolean;
            /** @description The first characters of the secret, to tell keys apart. */
            prefix: string;
            createdAt: string;
            revokedAt: string | null;
            firstUsedAt: string | null;
            /** @description Stamped at most about once a minute. */
            lastUsedAt: string | null;
        };
        __schema03: components["schemas"]["ScorecardGroup3"];
        ScorecardGroup3: {
            /** @constant */
            type: "group";
            name: string;
            weight: number;
            /** @enum {string} */
            mode: "weighted" | "worst";
            children: ({
                /** @constant */
                type: "measure";
                /** @description The id of a measure, e.g. usage.licence_utilisation. */
                measure: string;
                label?: string;
                weight: number;
                scale: {
                    /** @constant */
                    kind: "bands";
                    bands: {
                        min?: number;
                        max?: number;
                        score: number;
                        /** @enum {string} */
                        color: "red" | "yellow" | "green";
                    }[];
                } | {
                    /** @constant */
                    kind: "linear";
                    from: number;
                    to: number;
                };
                missing: {
                    /** @constant */
                    kind: "exclude";
                } | {
                    /** @constant */
                    kind: "fixed";
                    score: number;
                };
            } | components["schemas"]["__schema03"])[];
        };
        Playbook: {
            /** Format: uuid */
            id: string;
            name: string;
            version: number;
            enabled: boolean;
            /** @description One of the playbooks Pacer ships */
            shipped: boolean;
            /** @description A PlaybookDefinition as saved */
            definition: {
                [key: string]: unknown;
            };
            updatedAt: string;
        };
        PlaybookDefinition: {
            name: string;
            /** @default  */
            description: string;
            /** @default false */
            enabled: boolean;
            /** @default {} */
            audience: components["schemas"]["PlaybookAccountFilter"];
            triggers: components["schemas"]["PlaybookTrigger"][];
            /** @default [] */
            steps: components["schemas"]["PlaybookStep"][];
            /** @default 0 */
            controlGroupPercent: number;
            /** @default 30 */
            cooldownDays: number;
        };
        PlaybookAccountFilter: {
            colours?: ("red" | "yellow" | "green")[];
            churnRiskAtLeast?: number;
            churnRiskAtMost?: number;
            /** @description A team user id, or "none" for accounts nobody owns */
            owner?: string | "none";
            tiers?: ("high_touch" | "low_touch" | "tech_touch")[];
            lifecycleStages?: ("onboarding" | "adoption" | "renewal" | "expansion" | "advocacy" | "churned")[];
            /** @description In the reporting currency (major units); accounts without one never match */
            mrrAtLeast?: number;
            mrrAtMost?: number;
            traits?: {
                key: string;
                equals: string | number | boolean;
            }[];
            measures?: {
                /** @enum {string} */
                measure: "usage.active_users_30d" | "usage.licence_utilisation" | "usage.stickiness" | "usage.breadth" | "usage.days_since_last_active" | "usage.trend_30d" | "usage.events_vs_baseline" | "usage.probability_alive" | "onboarding.magic_moment_reached" | "onboarding.days_to_magic_moment" | "engagement.days_since_last_touch" | "voice.latest_nps" | "voice.latest_csat" | "voice.detractors_180d" | "support.open_tickets" | "support.urgent_tickets_90d" | "support.tickets_per_user_90d" | "billing.days_to_renewal" | "billing.mrr_change_90d" | "billing.renewal_with_falling_usage" | "relationship.champion_active" | "relationship.sponsor_active" | "relationship.champion_left_90d" | "sentiment.csm_90d" | "sentiment.risk_notes_90d";
                above?: number;
                below?: number;
            }[];
        };
        PlaybookTrigger: {
            /** @constant */
            kind: "health_colour";
            /** @enum {string} */
            colour: "red" | "yellow" | "green";
            /** @description Only when it turned this colour within so many days */
            changedWithinDays?: number;
            conditions?: components["schemas"]["PlaybookAccountFilter"];
        } | {
            /** @constant */
            kind: "score_dropped";
            points: number;
            days: number;
            conditions?: components["schemas"]["PlaybookAccountFilter"];
        } | {
            /** @constant */
            kind: "risk_above";
            threshold: number;
            conditions?: components["schemas"]["PlaybookAccountFilter"];
        } | {
            /** @constant */
            kind: "measure_threshold";
            /** @enum {string} */
            measure: "usage.active_users_30d" | "usage.licence_utilisation" | "usage.stickiness" | "usage.breadth" | "usage.days_since_last_active" | "usage.trend_30d" | "usage.events_vs_baseline" | "usage.probability_alive" | "onboarding.magic_moment_reached" | "onboarding.days_to_magic_moment" | "engagement.days_since_last_touch" | "voice.latest_nps" | "voice.latest_csat" | "voice.detractors_180d" | "support.open_tickets" | "support.urgent_tickets_90d" | "support.tickets_per_user_90d" | "billing.days_to_renewal" | "billing.mrr_change_90d" | "billing.renewal_with_falling_usage" | "relationship.champion_active" | "relationship.sponsor_active" | "relationship.champion_left_90d" | "sentiment.csm_90d" | "sentiment.risk_notes_90d";
            above?: number;
            below?: number;
            conditions?: components["schemas"]["PlaybookAccountFilter"];
        } | {
            /** @constant */
            kind: "renewal_within";
            days: number;
            healthBelow?: number;
            conditions?: components["schemas"]["PlaybookAccountFilter"];
        } | {
            /** @constant */
            kind: "nps_answer";
            /** @enum {string} */
            answer: "detractor" | "promoter";
            days: number;
            conditions?: components["schemas"]["PlaybookAccountFilter"];
        } | {
            /** @constant */
            kind: "note_tagged";
            tag: string;
            days: number;
            conditions?: components["schemas"]["PlaybookAccountFilter"];
        } | {
            /** @constant */
            kind: "lifecycle_stage";
            /** @enum {string} */
            stage: "onboarding" | "adoption" | "renewal" | "expansion" | "advocacy" | "churned";
            days: number;
            conditions?: components["schemas"]["PlaybookAccountFilter"];
        } | {
            /** @constant */
            kind: "champion_left";
            days: number;
            conditions?: components["schemas"]["PlaybookAccountFilter"];
        };
        PlaybookStep: {
            /** @constant */
            kind: "create_task";
            title: string;
            assignee: "owner" | string;
            /** @enum {string} */
            priority: "low" | "normal" | "high" | "urgent";
            dueInDays: number;
            /** @default [] */
            checklist: string[];
        } | {
            /** @constant */
            kind: "send_email";
            template: string;
            /** @enum {string} */
            toRole: "executive_sponsor" | "decision_maker" | "champion" | "admin" | "end_user";
        } | {
            /** @constant */
            kind: "webhook";
            /** Format: uri */
            url: string;
        } | {
            /** @constant */
            kind: "slack";
            /** Format: uri */
            url: string;
        } | {
            /** @constant */
            kind: "set_field";
            /** @enum {string} */
            field: "lifecycleStage" | "tier" | "owner";
            value: string | null;
        } | {
            /** @constant */
            kind: "add_note";
            body: string;
            /** @default [] */
            tags: string[];
        } | {
            /** @constant */
            kind: "enrol";
            /** Format: uuid */
            playbookId: string;
        } | {
            /** @constant */
            kind: "wait";
            days: number;
        };
        PlaybookDefinition2: {
            name: string;
            /** @default  */
            description: string;
            /** @default false */
            enabled: boolean;
            /** @default {} */
            audience: components["schemas"]["PlaybookAccountFilter"];
            triggers: components["schemas"]["PlaybookTrigger2"][];
            /** @default [] */
            steps: components["schemas"]["PlaybookStep"][];
            /** @default 0 */
            controlGroupPercent: number;
            /** @default 30 */
            cooldownDays: number;
        };
        PlaybookTrigger2: {
            /** @constant */
            kind: "health_colour";
            /** @enum {string} */
            colour: "red" | "yellow" | "green";
            /** @description Only when it turned this colour within so many days */
            changedWithinDays?: number;
            conditions?: components["schemas"]["PlaybookAccountFilter"];
        } | {
            /** @constant */
            kind: "score_dropped";
            points: number;
            days: number;
            conditions?: components["schemas"]["PlaybookAccountFilter"];
        } | {
            /** @constant */
            kind: "risk_above";
            threshold: number;
            conditions?: components["schemas"]["PlaybookAccountFilter"];
        } | {
            /** @constant */
            kind: "measure_threshold";
            /** @enum {string} */
            measure: "usage.active_users_30d" | "usage.licence_utilisation" | "usage.stickiness" | "usage.breadth" | "usage.days_since_last_active" | "usage.trend_30d" | "usage.events_vs_baseline" | "usage.probability_alive" | "onboarding.magic_moment_reached" | "onboarding.days_to_magic_moment" | "engagement.days_since_last_touch" | "voice.latest_nps" | "voice.latest_csat" | "voice.detractors_180d" | "support.open_tickets" | "support.urgent_tickets_90d" | "support.tickets_per_user_90d" | "billing.days_to_renewal" | "billing.mrr_change_90d" | "billing.renewal_with_falling_usage" | "relationship.champion_active" | "relationship.sponsor_active" | "relationship.champion_left_90d" | "sentiment.csm_90d" | "sentiment.risk_notes_90d";
            above?: number;
            below?: number;
            conditions?: components["schemas"]["PlaybookAccountFilter"];
        } | {
            /** @constant */
            kind: "renewal_within";
            days: number;
            healthBelow?: number;
            conditions?: components["schemas"]["PlaybookAccountFilter"];
        } | {
            /** @constant */
            kind: "nps_answer";
            /** @enum {string} */
            answer: "detractor" | "promoter";
            days: number;
            conditions?: components["schemas"]["PlaybookAccountFilter"];
        } | {
            /** @constant */
            kind: "note_tagged";
            tag: string;
            days: number;
            conditions?: components["schemas"]["PlaybookAccountFilter"];
        } | {
            /** @constant */
            kind: "lifecycle_stage";
            /** @enum {string} */
            stage: "onboarding" | "adoption" | "renewal" | "expansion" | "advocacy" | "churned";
            days: number;
            conditions?: components["schemas"]["PlaybookAccountFilter"];
        } | {
            /** @constant */
            kind: "champion_left";
            days: number;
            conditions?: components["schemas"]["PlaybookAccountFilter"];
        };
        PlaybookDefinition3: {
            name: string;
            /** @default  */
            description: string;
            /** @default false */
            enabled: boolean;
            /** @default {} */
            audience: components["schemas"]["PlaybookAccountFilter"];
            triggers: components["schemas"]["PlaybookTrigger3"][];
            /** @default [] */
            steps: components["schemas"]["PlaybookStep"][];
            /** @default 0 */
            controlGroupPercent: number;
            /** @default 30 */
            cooldownDays: number;
        };
        PlaybookTrigger3: {
            /** @constant */
            kind: "health_colour";
            /** @enum {string} */
            colour: "red" | "yellow" | "green";
            /** @description Only when it turned this colour within so many days */
            changedWithinDays?: number;
            conditions?: components["schemas"]["PlaybookAccountFilter"];
        } | {
            /** @constant */
            kind: "score_dropped";
            points: number;
            days: number;
            conditions?: components["schemas"]["PlaybookAccountFilter"];
        } | {
            /** @constant */
            kind: "risk_above";
            threshold: number;
            conditions?: components["schemas"]["PlaybookAccountFilter"];
        } | {
            /** @constant */
            kind: "measure_threshold";
            /** @enum {string} */
            measure: "usage.active_users_30d" | "usage.licence_utilisation" | "usage.stickiness" | "usage.breadth" | "usage.days_since_last_active" | "usage.trend_30d" | "usage.events_vs_baseline" | "usage.probability_alive" | "onboarding.magic_moment_reached" | "onboarding.days_to_magic_moment" | "engagement.days_since_last_touch" | "voice.latest_nps" | "voice.latest_csat" | "voice.detractors_180d" | "support.open_tickets" | "support.urgent_tickets_90d" | "support.tickets_per_user_90d" | "billing.days_to_renewal" | "billing.mrr_change_90d" | "billing.renewal_with_falling_usage" | "relationship.champion_active" | "relationship.sponsor_active" | "relationship.champion_left_90d" | "sentiment.csm_90d" | "sentiment.risk_notes_90d";
            above?: number;
            below?: number;
            conditions?: components["schemas"]["PlaybookAccountFilter"];
        } | {
            /** @constant */
            kind: "renewal_within";
            days: number;
            healthBelow?: number;
            conditions?: components["schemas"]["PlaybookAccountFilter"];
        } | {
            /** @constant */
            kind: "nps_answer";
            /** @enum {string} */
            answer: "detractor" | "promoter";
            days: number;
            conditions?: components["schemas"]["PlaybookAccountFilter"];
        } | {
            /** @constant */
            kind: "note_tagged";
            tag: string;
            days: number;
            conditions?: components["schemas"]["PlaybookAccountFilter"];
        } | {
            /** @constant */
            kind: "lifecycle_stage";
            /** @enum {string} */
            stage: "onboarding" | "adoption" | "renewal" | "expansion" | "advocacy" | "churned";
            days: number;
            conditions?: components["schemas"]["PlaybookAccountFilter"];
        } | {
            /** @constant */
            kind: "champion_left";
            days: number;
            conditions?: components["schemas"]["PlaybookAccountFilter"];
        };
        PlaybookDryRunHit: {
            /** Format: uuid */
            accountId: string;
            accountName: string;
            /** @description Why, in a sentence: "Health turned red on 2026-12-01 (score 38); renews in 41 days" */
            reason: string;
            /** @description Each trigger that fired, structured, for wording in another language */
            triggers: {
                /** @description The trigger’s position in the definition */
                index: number;
                /** @description The trigger kind and the values behind the sentence */
                facts: {
                    [key: string]: unknown;
                };
            }[];
        };
        Task: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            accountId: string;
            accountName: string;
            title: string;
            assigneeId: string | null;
            assigneeName: string | null;
            pool: string | null;
            /** @enum {string} */
            priority: "low" | "normal" | "high" | "urgent";
            dueDate: string | null;
            checklist: {
                text: string;
                /** @default false */
                done: boolean;
            }[];
            /** @description Why the task exists, in words. */
            reason: string;
            /** @enum {string} */
            source: "manual" | "playbook";
            playbookId: string | null;
            playbookVersion: number | null;
            dedupeKey: string | null;
            /** @enum {string} */
            status: "open" | "done" | "snoozed";
            snoozedUntil: string | null;
            completedAt: string | null;
            completedBy: string | null;
            createdAt: string;
            createdBy: string;
            account: {
                ownerId: string | null;
                healthColour: string | null;
                healthScore: number | null;
                churnRisk: number | null;
                mrr: {
                    amount: string;
                    currency: string;
                } | null;
            };
            /** @description Why the task is where it is in My day. */
            rank: {
                /** @description 1 for the task to do first among those listed. */
                position: number;
                /** @description churnRisk × mrr × urgency. */
                score: number;
                /** @description The account's churn risk, 0 when not predicted yet. */
                churnRisk: number;
                /** @description MRR in the reporting currency (major units), 0 when none in it. */
                mrr: number;
                /** @description 1 when due today or overdue, 7 / (7 + days until due) later, 0.25 with no due date. */
                urgency: number;
                /** @description Overdue tasks come first, whatever their score. */
                overdue: boolean;
            };
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    getApiAccounts: {
        parameters: {
            query?: {
                externalId?: string;
                name?: string;
                /** @description Part of the name, any case. */
                q?: string;
                domain?: string;
                industry?: string;
                country?: string;
                plan?: string;
                lifecycleStage?: "onboarding" | "adoption" | "renewal" | "expansion" | "advocacy" | "churned";
                coverageTier?: "high_touch" | "low_touch" | "tech_touch";
                ownerId?: string;
                parentId?: string;
                /** @description Sort field; prefix with - for descending. Default createdAt. */
                sort?: "name" | "createdAt" | "updatedAt" | "firstSeenAt" | "-name" | "-createdAt" | "-updatedAt" | "-firstSeenAt";
                /** @description Page size, 1–500, default 50. */
                limit?: number;
                /** @description The nextCursor of the previous page. */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["Account"][];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description The request is invalid; `issues` names each field and the reason. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or an unknown API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postApiAccounts: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description The customer's own key for the account. */
                    externalId?: string | null;
                    name: string;
                    domain?: string | null;
                    industry?: string | null;
                    employees?: number | null;
                    country?: string | null;
                    plan?: string | null;
                    /**
                     * @description Default onboarding.
                     * @enum {string}
                     */
                    lifecycleStage?: "onboarding" | "adoption" | "renewal" | "expansion" | "advocacy" | "churned";
                    /** @description The CSM who owns the account (a team user id). */
                    ownerId?: string | null;
                    coverageTier?: ("high_touch" | "low_touch" | "tech_touch") | null;
                    parentId?: string | null;
                    /** @description The parent account by its external id, instead of parentId. */
                    parentExternalId?: string;
                    /** @description When the account was first seen (default now). Moves back by itself to the earliest subscription start, note, survey answer, ticket or event that arrives for it. */
                    firstSeenAt?: string;
                    /** @description Free-form attributes (JSON object). */
                    traits?: {
                        [key: string]: unknown;
                    };
                };
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Account"];
                };
            };
            /** @description The request is invalid; `issues` names each field and the reason. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or an unknown API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiAccountsId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Account"];
                };
            };
            /** @description The request is invalid; `issues` names each field and the reason. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or an unknown API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    deleteApiAccountsId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is invalid; `issues` names each field and the reason. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or an unknown API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    patchApiAccountsId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description The customer's own key for the account. */
                    externalId?: string | null;
                    name?: string;
                    domain?: string | null;
                    industry?: string | null;
                    employees?: number | null;
                    country?: string | null;
                    plan?: string | null;
                    /**
                     * @description Default onboarding.
                     * @enum {string}
                     */
                    lifecycleStage?: "onboarding" | "adoption" | "renewal" | "expansion" | "advocacy" | "churned";
                    /** @description The CSM who owns the account (a team user id). */
                    ownerId?: string | null;
                    coverageTier?: ("high_touch" | "low_touch" | "tech_touch") | null;
                    parentId?: string | null;
                    /** @description The parent account by its external id, instead of parentId. */
                    parentExternalId?: string;
                    /** @description When the account was first seen (default now). Moves back by itself to the earliest subscription start, note, survey answer, ticket or event that arrives for it. */
                    firstSeenAt?: string;
                    /** @description Free-form attributes (JSON object). */
                    traits?: {
                        [key: string]: unknown;
                    };
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Account"];
                };
            };
            /** @description The request is invalid; `issues` names each field and the reason. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or an unknown API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    putApiAccountsExternalExternalId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                externalId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name?: string;
                    domain?: string | null;
                    industry?: string | null;
                    employees?: number | null;
                    country?: string | null;
                    plan?: string | null;
                    /**
                     * @description Default onboarding.
                     * @enum {string}
                     */
                    lifecycleStage?: "onboarding" | "adoption" | "renewal" | "expansion" | "advocacy" | "churned";
                    /** @description The CSM who owns the account (a team user id). */
                    ownerId?: string | null;
                    coverageTier?: ("high_touch" | "low_touch" | "tech_touch") | null;
                    parentId?: string | null;
                    /** @description The parent account by its external id, instead of parentId. */
                    parentExternalId?: string;
                    /** @description When the account was first seen (default now). Moves back by itself to the earliest subscription start, note, survey answer, ticket or event that arrives for it. */
                    firstSeenAt?: string;
                    /** @description Free-form attributes (JSON object). */
                    traits?: {
                        [key: string]: unknown;
                    };
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Account"];
                };
            };
            /** @description The request is invalid; `issues` names each field and the reason. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or an unknown API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiContacts: {
        parameters: {
            query?: {
                accountId?: string;
                externalId?: string;
                email?: string;
                role?: "executive_sponsor" | "decision_maker" | "champion" | "admin" | "end_user";
                active?: "true" | "false";
                /** @description Sort field; prefix with - for descending. Default createdAt. */
                sort?: "createdAt" | "updatedAt" | "-createdAt" | "-updatedAt";
                /** @description Page size, 1–500, default 50. */
                limit?: number;
                /** @description The nextCursor of the previous page. */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["Contact"][];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description The request is invalid; `issues` names each field and the reason. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or an unknown API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postApiContacts: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description The customer's own user id (Segment userId). */
                    externalId?: string | null;
                    /** Format: uuid */
                    accountId?: string;
                    /** @description The account by its external id, instead of accountId. */
                    accountExternalId?: string;
                    email?: string | null;
                    name?: string | null;
                    title?: string | null;
                    role?: ("executive_sponsor" | "decision_maker" | "champion" | "admin" | "end_user") | null;
                    active?: boolean;
                    /** @description Free-form attributes (JSON object). */
                    traits?: {
                        [key: string]: unknown;
                    };
                };
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Contact"];
                };
            };
            /** @description The request is invalid; `issues` names each field and the reason. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or an unknown API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiContactsId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Contact"];
                };
            };
            /** @description The request is invalid; `issues` names each field and the reason. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or an unknown API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    deleteApiContactsId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is invalid; `issues` names each field and the reason. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or an unknown API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    patchApiContactsId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description The customer's own user id (Segment userId). */
                    externalId?: string | null;
                    /** Format: uuid */
                    accountId?: string;
                    /** @description The account by its external id, instead of accountId. */
                    accountExternalId?: string;
                    email?: string | null;
                    name?: string | null;
                    title?: string | null;
                    role?: ("executive_sponsor" | "decision_maker" | "champion" | "admin" | "end_user") | null;
                    active?: boolean;
                    /** @description Free-form attributes (JSON object). */
                    traits?: {
                        [key: string]: unknown;
                    };
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Contact"];
                };
            };
            /** @description The request is invalid; `issues` names each field and the reason. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or an unknown API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    putApiContactsExternalExternalId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                externalId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: uuid */
                    accountId?: string;
                    /** @description The account by its external id, instead of accountId. */
                    accountExternalId?: string;
                    email?: string | null;
                    name?: string | null;
                    title?: string | null;
                    role?: ("executive_sponsor" | "decision_maker" | "champion" | "admin" | "end_user") | null;
                    active?: boolean;
                    /** @description Free-form attributes (JSON object). */
                    traits?: {
                        [key: string]: unknown;
                    };
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Contact"];
                };
            };
            /** @description The request is invalid; `issues` names each field and the reason. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or an unknown API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiSubscriptions: {
        parameters: {
            query?: {
                accountId?: string;
                externalId?: string;
                status?: "trial" | "active" | "cancelled" | "expired";
                plan?: string;
                billingPeriod?: "month" | "quarter" | "year";
                currency?: string;
                /** @description Sort field; prefix with - for descending. Default createdAt. */
                sort?: "createdAt" | "startDate" | "mrr" | "-createdAt" | "-startDate" | "-mrr";
                /** @description Page size, 1–500, default 50. */
                limit?: number;
                /** @description The nextCursor of the previous page. */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["Subscription"][];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description The request is invalid; `issues` names each field and the reason. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or an unknown API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postApiSubscriptions: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    externalId?: string | null;
                    /** Format: uuid */
                    accountId?: string;
                    accountExternalId?: string;
                    plan?: string | null;
                    /** @description Monthly recurring revenue in major units (29.85). Or give amount. */
                    mrr?: number | string;
                    /** @description The amount billed each billingPeriod; MRR is derived from it. */
                    amount?: number | string;
                    /** @description ISO 4217 code; default USD. */
                    currency?: string;
                    seats?: number | null;
                    /**
                     * @description Default month.
                     * @enum {string}
                     */
                    billingPeriod?: "month" | "quarter" | "year";
                    startDate: string;
                    endDate?: string | null;
                    renewalDate?: string | null;
                    /**
                     * @description Default active.
                     * @enum {string}
                     */
                    status?: "trial" | "active" | "cancelled" | "expired";
                    cancelledAt?: string | null;
                    cancelReason?: string | null;
                };
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Subscription"];
                };
            };
            /** @description The request is invalid; `issues` names each field and the reason. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or an unknown API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiSubscriptionsId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Subscription"];
                };
            };
            /** @description The request is invalid; `issues` names each field and the reason. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or an unknown API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    deleteApiSubscriptionsId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is invalid; `issues` names each field and the reason. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or an unknown API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    patchApiSubscriptionsId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    externalId?: string | null;
                    /** Format: uuid */
                    accountId?: string;
                    accountExternalId?: string;
                    plan?: string | null;
                    /** @description Monthly recurring revenue in major units (29.85). Or give amount. */
                    mrr?: number | string;
                    /** @description The amount billed each billingPeriod; MRR is derived from it. */
                    amount?: number | string;
                    /** @description ISO 4217 code; default USD. */
                    currency?: string;
                    seats?: number | null;
                    /**
                     * @description Default month.
                     * @enum {string}
                     */
                    billingPeriod?: "month" | "quarter" | "year";
                    startDate?: string;
                    endDate?: string | null;
                    renewalDate?: string | null;
                    /**
                     * @description Default active.
                     * @enum {string}
                     */
                    status?: "trial" | "active" | "cancelled" | "expired";
                    cancelledAt?: string | null;
                    cancelReason?: string | null;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Subscription"];
                };
            };
            /** @description The request is invalid; `issues` names each field and the reason. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or an unknown API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    putApiSubscriptionsExternalExternalId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                externalId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: uuid */
                    accountId?: string;
                    accountExternalId?: string;
                    plan?: string | null;
                    /** @description Monthly recurring revenue in major units (29.85). Or give amount. */
                    mrr?: number | string;
                    /** @description The amount billed each billingPeriod; MRR is derived from it. */
                    amount?: number | string;
                    /** @description ISO 4217 code; default USD. */
                    currency?: string;
                    seats?: number | null;
                    /**
                     * @description Default month.
                     * @enum {string}
                     */
                    billingPeriod?: "month" | "quarter" | "year";
                    startDate?: string;
                    endDate?: string | null;
                    renewalDate?: string | null;
                    /**
                     * @description Default active.
                     * @enum {string}
                     */
                    status?: "trial" | "active" | "cancelled" | "expired";
                    cancelledAt?: string | null;
                    cancelReason?: string | null;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Subscription"];
                };
            };
            /** @description The request is invalid; `issues` names each field and the reason. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or an unknown API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiNotes: {
        parameters: {
            query?: {
                accountId?: string;
                contactId?: string;
                author?: string;
                /** @description Sort field; prefix with - for descending. Default -occurredAt. */
                sort?: "occurredAt" | "createdAt" | "-occurredAt" | "-createdAt";
                /** @description Page size, 1–500, default 50. */
                limit?: number;
                /** @description The nextCursor of the previous page. */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["Note"][];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description The request is invalid; `issues` names each field and the reason. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or an unknown API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postApiNotes: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: uuid */
                    accountId?: string;
                    accountExternalId?: string;
                    contactId?: string | null;
                    contactExternalId?: string;
                    author: string;
                    body: string;
                    sentiment?: number | null;
                    /** @description e.g. champion-left, competitor, budget-cut, outage, graduated */
                    tags?: string[];
                    /** @description When it happened; default now. */
                    occurredAt?: string;
                };
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Note"];
                };
            };
            /** @description The request is invalid; `issues` names each field and the reason. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or an unknown API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiNotesId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Note"];
                };
            };
            /** @description The request is invalid; `issues` names each field and the reason. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or an unknown API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    deleteApiNotesId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is invalid; `issues` names each field and the reason. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or an unknown API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    patchApiNotesId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: uuid */
                    accountId?: string;
                    accountExternalId?: string;
                    contactId?: string | null;
                    contactExternalId?: string;
                    author?: string;
                    body?: string;
                    sentiment?: number | null;
                    /** @description e.g. champion-left, competitor, budget-cut, outage, graduated */
                    tags?: string[];
                    /** @description When it happened; default now. */
                    occurredAt?: string;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Note"];
                };
            };
            /** @description The request is invalid; `issues` names each field and the reason. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or an unknown API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiSurveyResponses: {
        parameters: {
            query?: {
                accountId?: string;
                contactId?: string;
                kind?: "nps" | "csat" | "ces";
                /** @description Sort field; prefix with - for descending. Default -answeredAt. */
                sort?: "answeredAt" | "createdAt" | "-answeredAt" | "-createdAt";
                /** @description Page size, 1–500, default 50. */
                limit?: number;
                /** @description The nextCursor of the previous page. */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["SurveyResponse"][];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description The request is invalid; `issues` names each field and the reason. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or an unknown API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postApiSurveyResponses: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: uuid */
                    accountId?: string;
                    accountExternalId?: string;
                    contactId?: string | null;
                    contactExternalId?: string;
                    /** @enum {string} */
                    kind: "nps" | "csat" | "ces";
                    score: number;
                    comment?: string | null;
                    /** @description Default now. */
                    answeredAt?: string;
                };
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SurveyResponse"];
                };
            };
            /** @description The request is invalid; `issues` names each field and the reason. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or an unknown API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiSurveyResponsesId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SurveyResponse"];
                };
            };
            /** @description The request is invalid; `issues` names each field and the reason. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or an unknown API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    deleteApiSurveyResponsesId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is invalid; `issues` names each field and the reason. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or an unknown API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    patchApiSurveyResponsesId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: uuid */
                    accountId?: string;
                    accountExternalId?: string;
                    contactId?: string | null;
                    contactExternalId?: string;
                    /** @enum {string} */
                    kind?: "nps" | "csat" | "ces";
                    score?: number;
                    comment?: string | null;
                    /** @description Default now. */
                    answeredAt?: string;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SurveyResponse"];
                };
            };
            /** @description The request is invalid; `issues` names each field and the reason. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or an unknown API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiTickets: {
        parameters: {
            query?: {
                accountId?: string;
                externalId?: string;
                status?: "open" | "pending" | "solved" | "closed";
                priority?: "low" | "normal" | "high" | "urgent";
                /** @description Sort field; prefix with - for descending. Default -openedAt. */
                sort?: "openedAt" | "createdAt" | "-openedAt" | "-createdAt";
                /** @description Page size, 1–500, default 50. */
                limit?: number;
                /** @description The nextCursor of the previous page. */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["Ticket"][];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description The request is invalid; `issues` names each field and the reason. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or an unknown API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postApiTickets: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description The id in the help desk. */
                    externalId?: string | null;
                    /** Format: uuid */
                    accountId?: string;
                    accountExternalId?: string;
                    contactId?: string | null;
                    contactExternalId?: string;
                    subject?: string | null;
                    openedAt: string;
                    closedAt?: string | null;
                    /**
                     * @description Default normal.
                     * @enum {string}
                     */
                    priority?: "low" | "normal" | "high" | "urgent";
                    /**
                     * @description Default open.
                     * @enum {string}
                     */
                    status?: "open" | "pending" | "solved" | "closed";
                    firstResponseMinutes?: number | null;
                    resolutionMinutes?: number | null;
                    satisfaction?: number | null;
                };
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Ticket"];
                };
            };
            /** @description The request is invalid; `issues` names each field and the reason. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or an unknown API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiTicketsId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Ticket"];
                };
            };
            /** @description The request is invalid; `issues` names each field and the reason. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or an unknown API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    deleteApiTicketsId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is invalid; `issues` names each field and the reason. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or an unknown API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    patchApiTicketsId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description The id in the help desk. */
                    externalId?: string | null;
                    /** Format: uuid */
                    accountId?: string;
                    accountExternalId?: string;
                    contactId?: string | null;
                    contactExternalId?: string;
                    subject?: string | null;
                    openedAt?: string;
                    closedAt?: string | null;
                    /**
                     * @description Default normal.
                     * @enum {string}
                     */
                    priority?: "low" | "normal" | "high" | "urgent";
                    /**
                     * @description Default open.
                     * @enum {string}
                     */
                    status?: "open" | "pending" | "solved" | "closed";
                    firstResponseMinutes?: number | null;
                    resolutionMinutes?: number | null;
                    satisfaction?: number | null;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Ticket"];
                };
            };
            /** @description The request is invalid; `issues` names each field and the reason. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or an unknown API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    putApiTicketsExternalExternalId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                externalId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: uuid */
                    accountId?: string;
                    accountExternalId?: string;
                    contactId?: string | null;
                    contactExternalId?: string;
                    subject?: string | null;
                    openedAt?: string;
                    closedAt?: string | null;
                    /**
                     * @description Default normal.
                     * @enum {string}
                     */
                    priority?: "low" | "normal" | "high" | "urgent";
                    /**
                     * @description Default open.
                     * @enum {string}
                     */
                    status?: "open" | "pending" | "solved" | "closed";
                    firstResponseMinutes?: number | null;
                    resolutionMinutes?: number | null;
                    satisfaction?: number | null;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Ticket"];
                };
            };
            /** @description The request is invalid; `issues` names each field and the reason. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or an unknown API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiUsers: {
        parameters: {
            query?: {
                email?: string;
                role?: "admin" | "leader" | "csm" | "viewer";
                /** @description Sort field; prefix with - for descending. Default name. */
                sort?: "name" | "createdAt" | "-name" | "-createdAt";
                /** @description Page size, 1–500, default 50. */
                limit?: number;
                /** @description The nextCursor of the previous page. */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["TeamUser"][];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description The request is invalid; `issues` names each field and the reason. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or an unknown API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postApiUsers: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: email */
                    email: string;
                    name: string;
                    /** @enum {string} */
                    role: "admin" | "leader" | "csm" | "viewer";
                    /** @description Sets the password people sign in with; stored only as an Argon2id hash. Changing it signs them out. */
                    password?: string;
                };
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TeamUser"];
                };
            };
            /** @description The request is invalid; `issues` names each field and the reason. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or an unknown API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiUsersId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TeamUser"];
                };
            };
            /** @description The request is invalid; `issues` names each field and the reason. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or an unknown API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    deleteApiUsersId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is invalid; `issues` names each field and the reason. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or an unknown API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    patchApiUsersId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: email */
                    email?: string;
                    name?: string;
                    /** @enum {string} */
                    role?: "admin" | "leader" | "csm" | "viewer";
                    /** @description Sets the password people sign in with; stored only as an Argon2id hash. Changing it signs them out. */
                    password?: string;
                    /** @description A disabled person cannot sign in; their sessions end at once. */
                    disabled?: boolean;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TeamUser"];
                };
            };
            /** @description The request is invalid; `issues` names each field and the reason. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or an unknown API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postApiAuthLogin: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    email: string;
                    password: string;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Me"];
                };
            };
            /** @description The request is invalid; `issues` names each field and the reason. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiAuthMe: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Me"];
                };
            };
            /** @description The request is invalid; `issues` names each field and the reason. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or an unknown API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postApiAuthLogout: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is invalid; `issues` names each field and the reason. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or an unknown API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postApiAuthLogoutEverywhere: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        sessionsEnded: number;
                    };
                };
            };
            /** @description The request is invalid; `issues` names each field and the reason. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or an unknown API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiAudit: {
        parameters: {
            query?: {
                accountId?: string;
                entity?: string;
                entityId?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            /** Format: uuid */
                            id: string;
                            at: string;
                            actor: string;
                            action: string;
                            entity: string;
                            entityId: string | null;
                            accountId: string | null;
                            changes: {
                                [key: string]: unknown;
                            } | null;
                        }[];
                    };
                };
            };
            /** @description The request is invalid; `issues` names each field and the reason. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or an unknown API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postV1Track: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    userId?: unknown;
                    anonymousId?: unknown;
                    messageId?: unknown;
                    timestamp?: unknown;
                    context?: unknown;
                    properties?: unknown;
                    traits?: unknown;
                } & {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @constant */
                        success: true;
                        /** @description Messages stored (or recognised as already stored). */
                        accepted: number;
                        /** @description Events whose messageId was stored before: not counted again. */
                        duplicates: number;
                        /** @description Messages dropped, each with the reason; the others were kept. */
                        rejected: {
                            index: number;
                            messageId: string | null;
                            field: string;
                            message: string;
                        }[];
                        /** @description Traits of identify/group messages that were accepted but not applied, each with the reason (a browser key changes no stored field; the account fields tracking.mayUpdate does not list). */
                        ignored: {
                            index: number;
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description The request is invalid; `issues` names each field and the reason. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or an unknown API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postV1Page: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    userId?: unknown;
                    anonymousId?: unknown;
                    messageId?: unknown;
                    timestamp?: unknown;
                    context?: unknown;
                    properties?: unknown;
                    traits?: unknown;
                } & {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @constant */
                        success: true;
                        /** @description Messages stored (or recognised as already stored). */
                        accepted: number;
                        /** @description Events whose messageId was stored before: not counted again. */
                        duplicates: number;
                        /** @description Messages dropped, each with the reason; the others were kept. */
                        rejected: {
                            index: number;
                            messageId: string | null;
                            field: string;
                            message: string;
                        }[];
                        /** @description Traits of identify/group messages that were accepted but not applied, each with the reason (a browser key changes no stored field; the account fields tracking.mayUpdate does not list). */
                        ignored: {
                            index: number;
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description The request is invalid; `issues` names each field and the reason. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or an unknown API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postV1Screen: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    userId?: unknown;
                    anonymousId?: unknown;
                    messageId?: unknown;
                    timestamp?: unknown;
                    context?: unknown;
                    properties?: unknown;
                    traits?: unknown;
                } & {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @constant */
                        success: true;
                        /** @description Messages stored (or recognised as already stored). */
                        accepted: number;
                        /** @description Events whose messageId was stored before: not counted again. */
                        duplicates: number;
                        /** @description Messages dropped, each with the reason; the others were kept. */
                        rejected: {
                            index: number;
                            messageId: string | null;
                            field: string;
                            message: string;
                        }[];
                        /** @description Traits of identify/group messages that were accepted but not applied, each with the reason (a browser key changes no stored field; the account fields tracking.mayUpdate does not list). */
                        ignored: {
                            index: number;
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description The request is invalid; `issues` names each field and the reason. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or an unknown API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postV1Identify: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    userId?: unknown;
                    anonymousId?: unknown;
                    messageId?: unknown;
                    timestamp?: unknown;
                    context?: unknown;
                    properties?: unknown;
                    traits?: unknown;
                } & {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @constant */
                        success: true;
                        /** @description Messages stored (or recognised as already stored). */
                        accepted: number;
                        /** @description Events whose messageId was stored before: not counted again. */
                        duplicates: number;
                        /** @description Messages dropped, each with the reason; the others were kept. */
                        rejected: {
                            index: number;
                            messageId: string | null;
                            field: string;
                            message: string;
                        }[];
                        /** @description Traits of identify/group messages that were accepted but not applied, each with the reason (a browser key changes no stored field; the account fields tracking.mayUpdate does not list). */
                        ignored: {
                            index: number;
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description The request is invalid; `issues` names each field and the reason. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or an unknown API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postV1Group: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    userId?: unknown;
                    anonymousId?: unknown;
                    messageId?: unknown;
                    timestamp?: unknown;
                    context?: unknown;
                    properties?: unknown;
                    traits?: unknown;
                } & {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @constant */
                        success: true;
                        /** @description Messages stored (or recognised as already stored). */
                        accepted: number;
                        /** @description Events whose messageId was stored before: not counted again. */
                        duplicates: number;
                        /** @description Messages dropped, each with the reason; the others were kept. */
                        rejected: {
                            index: number;
                            messageId: string | null;
                            field: string;
                            message: string;
                        }[];
                        /** @description Traits of identify/group messages that were accepted but not applied, each with the reason (a browser key changes no stored field; the account fields tracking.mayUpdate does not list). */
                        ignored: {
                            index: number;
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description The request is invalid; `issues` names each field and the reason. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or an unknown API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postV1Batch: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    batch: unknown[];
                    sentAt?: unknown;
                    context?: unknown;
                } & {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @constant */
                        success: true;
                        /** @description Messages stored (or recognised as already stored). */
                        accepted: number;
                        /** @description Events whose messageId was stored before: not counted again. */
                        duplicates: number;
                        /** @description Messages dropped, each with the reason; the others were kept. */
                        rejected: {
                            index: number;
                            messageId: string | null;
                            field: string;
                            message: string;
                        }[];
                        /** @description Traits of identify/group messages that were accepted but not applied, each with the reason (a browser key changes no stored field; the account fields tracking.mayUpdate does not list). */
                        ignored: {
                            index: number;
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description The request is invalid; `issues` names each field and the reason. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or an unknown API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postV1Import: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    batch: unknown[];
                    sentAt?: unknown;
                    context?: unknown;
                } & {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @constant */
                        success: true;
                        /** @description Messages stored (or recognised as already stored). */
                        accepted: number;
                        /** @description Events whose messageId was stored before: not counted again. */
                        duplicates: number;
                        /** @description Messages dropped, each with the reason; the others were kept. */
                        rejected: {
                            index: number;
                            messageId: string | null;
                            field: string;
                            message: string;
                        }[];
                        /** @description Traits of identify/group messages that were accepted but not applied, each with the reason (a browser key changes no stored field; the account fields tracking.mayUpdate does not list). */
                        ignored: {
                            index: number;
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description The request is invalid; `issues` names each field and the reason. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or an unknown API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postV1T: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    userId?: unknown;
                    anonymousId?: unknown;
                    messageId?: unknown;
                    timestamp?: unknown;
                    context?: unknown;
                    properties?: unknown;
                    traits?: unknown;
                } & {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @constant */
                        success: true;
                        /** @description Messages stored (or recognised as already stored). */
                        accepted: number;
                        /** @description Events whose messageId was stored before: not counted again. */
                        duplicates: number;
                        /** @description Messages dropped, each with the reason; the others were kept. */
                        rejected: {
                            index: number;
                            messageId: string | null;
                            field: string;
                            message: string;
                        }[];
                        /** @description Traits of identify/group messages that were accepted but not applied, each with the reason (a browser key changes no stored field; the account fields tracking.mayUpdate does not list). */
                        ignored: {
                            index: number;
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description The request is invalid; `issues` names each field and the reason. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or an unknown API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postV1P: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    userId?: unknown;
                    anonymousId?: unknown;
                    messageId?: unknown;
                    timestamp?: unknown;
                    context?: unknown;
                    properties?: unknown;
                    traits?: unknown;
                } & {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @constant */
                        success: true;
                        /** @description Messages stored (or recognised as already stored). */
                        accepted: number;
                        /** @description Events whose messageId was stored before: not counted again. */
                        duplicates: number;
                        /** @description Messages dropped, each with the reason; the others were kept. */
                        rejected: {
                            index: number;
                            messageId: string | null;
                            field: string;
                            message: string;
                        }[];
                        /** @description Traits of identify/group messages that were accepted but not applied, each with the reason (a browser key changes no stored field; the account fields tracking.mayUpdate does not list). */
                        ignored: {
                            index: number;
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description The request is invalid; `issues` names each field and the reason. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or an unknown API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postV1S: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    userId?: unknown;
                    anonymousId?: unknown;
                    messageId?: unknown;
                    timestamp?: unknown;
                    context?: unknown;
                    properties?: unknown;
                    traits?: unknown;
                } & {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @constant */
                        success: true;
                        /** @description Messages stored (or recognised as already stored). */
                        accepted: number;
                        /** @description Events whose messageId was stored before: not counted again. */
                        duplicates: number;
                        /** @description Messages dropped, each with the reason; the others were kept. */
                        rejected: {
                            index: number;
                            messageId: string | null;
                            field: string;
                            message: string;
                        }[];
                        /** @description Traits of identify/group messages that were accepted but not applied, each with the reason (a browser key changes no stored field; the account fields tracking.mayUpdate does not list). */
                        ignored: {
                            index: number;
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description The request is invalid; `issues` names each field and the reason. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or an unknown API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postV1I: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    userId?: unknown;
                    anonymousId?: unknown;
                    messageId?: unknown;
                    timestamp?: unknown;
                    context?: unknown;
                    properties?: unknown;
                    traits?: unknown;
                } & {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @constant */
                        success: true;
                        /** @description Messages stored (or recognised as already stored). */
                        accepted: number;
                        /** @description Events whose messageId was stored before: not counted again. */
                        duplicates: number;
                        /** @description Messages dropped, each with the reason; the others were kept. */
                        rejected: {
                            index: number;
                            messageId: string | null;
                            field: string;
                            message: string;
                        }[];
                        /** @description Traits of identify/group messages that were accepted but not applied, each with the reason (a browser key changes no stored field; the account fields tracking.mayUpdate does not list). */
                        ignored: {
                            index: number;
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description The request is invalid; `issues` names each field and the reason. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or an unknown API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postV1G: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    userId?: unknown;
                    anonymousId?: unknown;
                    messageId?: unknown;
                    timestamp?: unknown;
                    context?: unknown;
                    properties?: unknown;
                    traits?: unknown;
                } & {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @constant */
                        success: true;
                        /** @description Messages stored (or recognised as already stored). */
                        accepted: number;
                        /** @description Events whose messageId was stored before: not counted again. */
                        duplicates: number;
                        /** @description Messages dropped, each with the reason; the others were kept. */
                        rejected: {
                            index: number;
                            messageId: string | null;
                            field: string;
                            message: string;
                        }[];
                        /** @description Traits of identify/group messages that were accepted but not applied, each with the reason (a browser key changes no stored field; the account fields tracking.mayUpdate does not list). */
                        ignored: {
                            index: number;
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description The request is invalid; `issues` names each field and the reason. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or an unknown API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postV1A: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    userId?: unknown;
                    anonymousId?: unknown;
                    messageId?: unknown;
                    timestamp?: unknown;
                    context?: unknown;
                    properties?: unknown;
                    traits?: unknown;
                } & {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @constant */
                        success: true;
                        /** @description Messages stored (or recognised as already stored). */
                        accepted: number;
                        /** @description Events whose messageId was stored before: not counted again. */
                        duplicates: number;
                        /** @description Messages dropped, each with the reason; the others were kept. */
                        rejected: {
                            index: number;
                            messageId: string | null;
                            field: string;
                            message: string;
                        }[];
                        /** @description Traits of identify/group messages that were accepted but not applied, each with the reason (a browser key changes no stored field; the account fields tracking.mayUpdate does not list). */
                        ignored: {
                            index: number;
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description The request is invalid; `issues` names each field and the reason. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or an unknown API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postV1B: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    batch: unknown[];
                    sentAt?: unknown;
                    context?: unknown;
                } & {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @constant */
                        success: true;
                        /** @description Messages stored (or recognised as already stored). */
                        accepted: number;
                        /** @description Events whose messageId was stored before: not counted again. */
                        duplicates: number;
                        /** @description Messages dropped, each with the reason; the others were kept. */
                        rejected: {
                            index: number;
                            messageId: string | null;
                            field: string;
                            message: string;
                        }[];
                        /** @description Traits of identify/group messages that were accepted but not applied, each with the reason (a browser key changes no stored field; the account fields tracking.mayUpdate does not list). */
                        ignored: {
                            index: number;
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description The request is invalid; `issues` names each field and the reason. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or an unknown API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getV1ProjectsWriteKeySettings: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                writeKey: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        integrations: {
                            [key: string]: unknown;
                        };
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The request is invalid; `issues` names each field and the reason. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiUsageStatus: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        rolledUpEvents: number;
                        queuedCounts: number;
                        unattachedEvents: number;
                    };
                };
            };
            /** @description The request is invalid; `issues` names each field and the reason. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or an unknown API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiAccountsIdUsage: {
        parameters: {
            query?: {
                /** @description First day (UTC) of the series; default 90 days before `to`. */
                from?: string;
                /** @description Last day of the series and the as-of day of the summary; default today. */
                to?: string;
                /** @description day (default) or week (ISO weeks, starting Monday). */
                granularity?: "day" | "week";
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AccountUsage"];
                };
            };
            /** @description The request is invalid; `issues` names each field and the reason. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or an unknown API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiAccountsIdUsageUsers: {
        parameters: {
            query?: {
                asOf?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is invalid; `issues` names each field and the reason. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or an unknown API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiAccountsIdEvents: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
                name?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is invalid; `issues` names each field and the reason. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or an unknown API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiSettingsUsage: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description Event names that mark the key features: breadth is the share of them an account used in 30 days. */
                        keyFeatures: string[];
                        /** @description The event that marks the first moment of real value (onboarding measures), if there is one. */
                        magicMomentEvent?: string | null;
                        /** @description Raw events older than this are deleted; the daily rollups are kept forever. */
                        eventRetentionDays: number;
                    };
                };
            };
            /** @description The request is invalid; `issues` names each field and the reason. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or an unknown API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    putApiSettingsUsage: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description Event names that mark the key features: breadth is the share of them an account used in 30 days. */
                    keyFeatures: string[];
                    /** @description The event that marks the first moment of real value (onboarding measures), if there is one. */
                    magicMomentEvent?: string | null;
                    /** @description Raw events older than this are deleted; the daily rollups are kept forever. */
                    eventRetentionDays: number;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description Event names that mark the key features: breadth is the share of them an account used in 30 days. */
                        keyFeatures: string[];
                        /** @description The event that marks the first moment of real value (onboarding measures), if there is one. */
                        magicMomentEvent?: string | null;
                        /** @description Raw events older than this are deleted; the daily rollups are kept forever. */
                        eventRetentionDays: number;
                    };
                };
            };
            /** @description The request is invalid; `issues` names each field and the reason. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or an unknown API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiAccountsIdStakeholders: {
        parameters: {
            query?: {
                asOf?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Stakeholders"];
                };
            };
            /** @description The request is invalid; `issues` names each field and the reason. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or an unknown API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiAccountsIdHealthOverrides: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["HealthOverride"][];
                    };
                };
            };
            /** @description The request is invalid; `issues` names each field and the reason. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or an unknown API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postApiAccountsIdHealthOverrides: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description A measure id, or null to set the overall colour. */
                    measure: string | null;
                    score?: number;
                    /** @enum {string} */
                    color?: "red" | "yellow" | "green";
                    reason: string;
                    /** @description When the override lapses; null = until removed. */
                    expiresAt: string | null;
                };
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HealthOverride"];
                };
            };
            /** @description The request is invalid; `issues` names each field and the reason. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or an unknown API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    deleteApiAccountsIdHealthOverridesOverrideId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                overrideId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is invalid; `issues` names each field and the reason. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or an unknown API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiAccountsIdHealth: {
        parameters: {
            query?: {
                /** @description The day to read; default the latest scored. */
                asOf?: string;
                /** @description Compare with the score on or before this day; default 30 days earlier. */
                since?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HealthExplanation"];
                };
            };
            /** @description The request is invalid; `issues` names each field and the reason. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or an unknown API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiAccountsIdHealthHistory: {
        parameters: {
            query?: {
                /** @description First day; default 180 days before `to`. */
                from?: string;
                /** @description Last day; default today. */
                to?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HealthHistory"];
                };
            };
            /** @description The request is invalid; `issues` names each field and the reason. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or an unknown API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postApiAccountsIdHealthScore: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is invalid; `issues` names each field and the reason. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or an unknown API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiScorecards: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            name: string;
                            version: number;
                            definition: {
                                thresholds: {
                                    red: number;
                                    yellow: number;
                                };
                                appliesTo: {
                                    lifecycleStages: string[];
                                };
                                root: components["schemas"]["__schema0"];
                            };
                        }[];
                    };
                };
            };
            /** @description The request is invalid; `issues` names each field and the reason. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or an unknown API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postApiScorecardsNameVersions: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    thresholds: {
                        red: number;
                        yellow: number;
                    };
                    appliesTo: {
                        lifecycleStages: string[];
                    };
                    root: components["schemas"]["__schema02"];
                };
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is invalid; `issues` names each field and the reason. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or an unknown API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiAccountsIdChurnRisk: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AccountChurnRisk"];
                };
            };
            /** @description The request is invalid; `issues` names each field and the reason. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or an unknown API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiChurnRisks: {
        parameters: {
            query?: {
                /** @description Page size, 1–1000, default 50. */
                limit?: number;
                /** @description The nextCursor of the previous page (with the same sort and filters). */
                cursor?: string;
                minProbability?: number;
                /** @description Only this CSM's accounts. */
                ownerId?: string;
                /** @description probability (default), or mrrAtRisk: probability × MRR, largest first among amounts in the reporting currency, then per unconverted currency */
                sort?: "probability" | "mrrAtRisk";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            /** Format: uuid */
                            accountId: string;
                            name: string | null;
                            externalId: string | null;
                            owner: {
                                /** Format: uuid */
                                id: string;
                                name: string | null;
                            } | null;
                            asOf: string;
                            probability: number;
                            /** @description Null when the account has no paying MRR, or MRR in currencies that cannot be added. */
                            mrr: {
                                /** @description In major units of the currency (930.5 euros). */
                                amount: number;
                                currency: string;
                                /** @description false: the amount is in its own currency, not converted (no rate in force on the day). */
                                inReportingCurrency: boolean;
                            } | null;
                            /** @description probability × MRR, rounded once to the minor unit. */
                            mrrAtRisk: {
                                /** @description In major units of the currency (930.5 euros). */
                                amount: number;
                                currency: string;
                                /** @description false: the amount is in its own currency, not converted (no rate in force on the day). */
                                inReportingCurrency: boolean;
                            } | null;
                            /** @description The MRR per currency as billed. */
                            mrrParts: {
                                currency: string;
                                amount: number;
                                /** @description The rate that converted it; null when none was in force. */
                                rate: string | null;
                                rateDate: string | null;
                            }[];
                            health: {
                                score: number | null;
                                color: string | null;
                                asOf: string;
                            } | null;
                            raising: ({
                                /** @description The feature (billing.days_to_next_renewal): word it by this in any language. */
                                feature?: string;
                                /** @description The value in English words. */
                                text: string;
                                /** @description Percentage points it moves the churn probability (positive raises it). */
                                points: number;
                                /** @description The feature's value (absent on older predictions). */
                                value?: number | string | null;
                                /** @description For billing.mrr: the currency of its value in minor units. */
                                currency?: string | null;
                                /**
                                 * @description Whether it raises or lowers the risk.
                                 * @enum {string}
                                 */
                                direction?: "raising" | "lowering";
                            } & {
                                [key: string]: unknown;
                            })[];
                            lowering: ({
                                /** @description The feature (billing.days_to_next_renewal): word it by this in any language. */
                                feature?: string;
                                /** @description The value in English words. */
                                text: string;
                                /** @description Percentage points it moves the churn probability (positive raises it). */
                                points: number;
                                /** @description The feature's value (absent on older predictions). */
                                value?: number | string | null;
                                /** @description For billing.mrr: the currency of its value in minor units. */
                                currency?: string | null;
                                /**
                                 * @description Whether it raises or lowers the risk.
                                 * @enum {string}
                                 */
                                direction?: "raising" | "lowering";
                            } & {
                                [key: string]: unknown;
                            })[];
                        }[];
                        /** @description Pass as cursor for the next page; null on the last. */
                        nextCursor: string | null;
                        summary: {
                            accounts: number;
                            /** @description The sum of the probabilities. */
                            expectedChurners: number;
                            reportingCurrency: string | null;
                            /** @description Per currency: the reporting currency first, then each unconverted one. */
                            mrr: {
                                /** @description In major units of the currency (930.5 euros). */
                                amount: number;
                                currency: string;
                                /** @description false: the amount is in its own currency, not converted (no rate in force on the day). */
                                inReportingCurrency: boolean;
                            }[];
                            mrrAtRisk: {
                                /** @description In major units of the currency (930.5 euros). */
                                amount: number;
                                currency: string;
                                /** @description false: the amount is in its own currency, not converted (no rate in force on the day). */
                                inReportingCurrency: boolean;
                            }[];
                            notConverted: {
                                currency: string;
                                reason: string;
                            }[];
                        };
                    };
                };
            };
            /** @description The request is invalid; `issues` names each field and the reason. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or an unknown API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiChurnModel: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is invalid; `issues` names each field and the reason. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or an unknown API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postApiChurnTrain: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is invalid; `issues` names each field and the reason. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or an unknown API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiSettingsChurn: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description How far ahead churn is predicted, in days. */
                        horizonDays: number;
                        /** @description What churn means: contract (no live subscription), inactivity, event:NAME, or auto. */
                        definition: string;
                    };
                };
            };
            /** @description The request is invalid; `issues` names each field and the reason. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or an unknown API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    putApiSettingsChurn: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description How far ahead churn is predicted, in days. */
                    horizonDays: number;
                    /** @description What churn means: contract (no live subscription), inactivity, event:NAME, or auto. */
                    definition: string;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description How far ahead churn is predicted, in days. */
                        horizonDays: number;
                        /** @description What churn means: contract (no live subscription), inactivity, event:NAME, or auto. */
                        definition: string;
                    };
                };
            };
            /** @description The request is invalid; `issues` names each field and the reason. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or an unknown API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiPortfolio: {
        parameters: {
            query?: {
                /** @description Name, external id or domain contains this (any case). */
                search?: string;
                /** @description Health colours, comma-separated: red, yellow, green, none (not scored). */
                colour?: string;
                /** @description "me" (the signed-in person), a team user id, or "none" (accounts without an owner). */
                owner?: string;
                /** @description A lifecycle stage, or "current": every account that has not churned. */
                stage?: "current" | "onboarding" | "adoption" | "renewal" | "expansion" | "advocacy" | "churned";
                tier?: "high_touch" | "low_touch" | "tech_touch";
                /** @description Only accounts whose next renewal is within this many days from today. */
                renewalWithinDays?: number;
                /** @description A field, "-" first for descending; accounts without the figure come last either way. */
                sort?: "name" | "-name" | "health" | "-health" | "risk" | "-risk" | "mrr" | "-mrr" | "arr" | "-arr" | "mrrAtRisk" | "-mrrAtRisk" | "renewal" | "-renewal" | "lastActive" | "-lastActive";
                limit?: number;
                /** @description nextCursor of the previous page, with the same sort and filters. */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            /** Format: uuid */
                            id: string;
                            name: string;
                            externalId: string | null;
                            health: {
                                score: number | null;
                                colour: ("red" | "yellow" | "green") | null;
                                /** @description Points the score moved since the snapshot 30 days before the latest. */
                                trend: number | null;
                                overridden: boolean;
                            };
                            /** @description The latest probability of churning within the model's horizon. */
                            churnRisk: number | null;
                            mrr: {
                                /** @description Exact decimal in major units. */
                                amount: string;
                                currency: string;
                            } | null;
                            arr: {
                                /** @description Exact decimal in major units. */
                                amount: string;
                                currency: string;
                            } | null;
                            /** @description MRR × churn risk, rounded once to the minor unit. */
                            mrrAtRisk: {
                                /** @description Exact decimal in major units. */
                                amount: string;
                                currency: string;
                            } | null;
                            renewalDate: string | null;
                            owner: {
                                /** Format: uuid */
                                id: string;
                                name: string;
                            } | null;
                            lifecycleStage: string | null;
                            tier: string | null;
                            /** @description The start (UTC) of the last day with usage: rollups are daily. */
                            lastActiveAt: string | null;
                        }[];
                        nextCursor: string | null;
                        /** @description Accounts matching the filters. */
                        total: number;
                    };
                };
            };
            /** @description The request is invalid; `issues` names each field and the reason. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or an unknown API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiPortfolioSummary: {
        parameters: {
            query?: {
                /** @description Name, external id or domain contains this (any case). */
                search?: string;
                /** @description Health colours, comma-separated: red, yellow, green, none (not scored). */
                colour?: string;
                /** @description "me" (the signed-in person), a team user id, or "none" (accounts without an owner). */
                owner?: string;
                /** @description A lifecycle stage, or "current": every account that has not churned. */
                stage?: "current" | "onboarding" | "adoption" | "renewal" | "expansion" | "advocacy" | "churned";
                tier?: "high_touch" | "low_touch" | "tech_touch";
                /** @description Only accounts whose next renewal is within this many days from today. */
                renewalWithinDays?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        accounts: number;
                        mrr: {
                            /** @description Exact decimal in major units. */
                            amount: string;
                            currency: string;
                        }[];
                        mrrAtRisk: {
                            /** @description Exact decimal in major units. */
                            amount: string;
                            currency: string;
                        }[];
                        byColour: {
                            red: number;
                            yellow: number;
                            green: number;
                            none: number;
                        };
                        renewalsNext90Days: {
                            count: number;
                            mrr: {
                                /** @description Exact decimal in major units. */
                                amount: string;
                                currency: string;
                            }[];
                        };
                    };
                };
            };
            /** @description The request is invalid; `issues` names each field and the reason. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or an unknown API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiAccountsIdOverview: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AccountOverview"];
                };
            };
            /** @description The request is invalid; `issues` names each field and the reason. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or an unknown API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiAccountsIdTimeline: {
        parameters: {
            query?: {
                /** @description nextBefore of the previous page. */
                before?: string;
                limit?: number;
                /** @description Comma-separated kinds to include (default all): note, survey, ticket, subscription, lifecycle, score. */
                kinds?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["TimelineItem"][];
                        /** @description Pass as `before` for the next (older) page; null on the last. */
                        nextBefore: string | null;
                    };
                };
            };
            /** @description The request is invalid; `issues` names each field and the reason. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or an unknown API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiSettings: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        reportingCurrency: string | null;
                        rates: {
                            currency: string;
                            date: string;
                            /** @description Units of the reporting currency for one unit of currency, as a decimal text. */
                            rate: string;
                        }[];
                        tracking: {
                            mayUpdate: ("name" | "owner" | "lifecycleStage" | "tier")[];
                        };
                    };
                };
            };
            /** @description The request is invalid; `issues` names each field and the reason. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or an unknown API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    putApiSettings: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description The currency MRR is reported in. Amounts in other currencies are converted at the rate in force on the day; without a rate they are kept apart, in their own currency. */
                    reportingCurrency: string | null;
                    /** @description Exchange rates into the reporting currency, each dated. */
                    rates: {
                        /** @description The currency converted from. */
                        currency: string;
                        /** @description The day from which this rate is in force (until a later rate of the same currency). */
                        date: string;
                        /** @description How many units of the reporting currency one unit of this currency is worth, as a decimal (0.0062 EUR per JPY). */
                        rate: string | number;
                    }[];
                    /** @description What tracking calls (identify/group) may change. Left out: kept as it is. */
                    tracking?: {
                        /** @description Account fields a server ingest key's group() may change on an account that exists (traits name, owner — a team user's email or id —, lifecycleStage, tier). Default none. Browser keys never change a stored field. */
                        mayUpdate: ("name" | "owner" | "lifecycleStage" | "tier")[];
                    };
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        reportingCurrency: string | null;
                        rates: {
                            currency: string;
                            date: string;
                            /** @description Units of the reporting currency for one unit of currency, as a decimal text. */
                            rate: string;
                        }[];
                        tracking: {
                            mayUpdate: ("name" | "owner" | "lifecycleStage" | "tier")[];
                        };
                    };
                };
            };
            /** @description The request is invalid; `issues` names each field and the reason. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or an unknown API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiImports: {
        parameters: {
            query?: {
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            id: string;
                            fileName: string;
                            /** @enum {string} */
                            format: "csv" | "jsonl";
                            gzip: boolean;
                            sizeBytes: number;
                            columns: string[];
                            kind: string | null;
                            mapping: {
                                [key: string]: string;
                            } | null;
                            dateOrder: ("ymd" | "dmy" | "mdy") | null;
                            /** @enum {string} */
                            status: "uploaded" | "running" | "done" | "failed";
                            rowsRead: number;
                            /** @description Rows of chunks that have committed, loaded or rejected. */
                            rowsCommitted: number;
                            rowsInserted: number;
                            rowsUpdated: number;
                            rowsUnchanged: number;
                            /** @description Inserted, updated or found unchanged: in the database after the import. */
                            rowsLoaded: number;
                            rowsRejected: number;
                            bytesRead: number;
                            error: string | null;
                            createdBy: string;
                            createdAt: string;
                            startedAt: string | null;
                            finishedAt: string | null;
                        }[];
                        /** @description The largest file an upload takes, in MB (PACER_IMPORT_MAX_MB) */
                        limitMb: number;
                    };
                };
            };
            /** @description The request is invalid; `issues` names each field and the reason. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or an unknown API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postApiImports: {
        parameters: {
            query?: {
                /** @description The file name, for showing and its format */
                name?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        fileName: string;
                        /** @enum {string} */
                        format: "csv" | "jsonl";
                        gzip: boolean;
                        sizeBytes: number;
                        columns: string[];
                        kind: string | null;
                        mapping: {
                            [key: string]: string;
                        } | null;
                        dateOrder: ("ymd" | "dmy" | "mdy") | null;
                        /** @enum {string} */
                        status: "uploaded" | "running" | "done" | "failed";
                        rowsRead: number;
                        /** @description Rows of chunks that have committed, loaded or rejected. */
                        rowsCommitted: number;
                        rowsInserted: number;
                        rowsUpdated: number;
                        rowsUnchanged: number;
                        /** @description Inserted, updated or found unchanged: in the database after the import. */
                        rowsLoaded: number;
                        rowsRejected: number;
                        bytesRead: number;
                        error: string | null;
                        createdBy: string;
                        createdAt: string;
                        startedAt: string | null;
                        finishedAt: string | null;
                        sample: (string | null)[][];
                    };
                };
            };
            /** @description The request is invalid; `issues` names each field and the reason. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or an unknown API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiImportsId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        fileName: string;
                        /** @enum {string} */
                        format: "csv" | "jsonl";
                        gzip: boolean;
                        sizeBytes: number;
                        columns: string[];
                        kind: string | null;
                        mapping: {
                            [key: string]: string;
                        } | null;
                        dateOrder: ("ymd" | "dmy" | "mdy") | null;
                        /** @enum {string} */
                        status: "uploaded" | "running" | "done" | "failed";
                        rowsRead: number;
                        /** @description Rows of chunks that have committed, loaded or rejected. */
                        rowsCommitted: number;
                        rowsInserted: number;
                        rowsUpdated: number;
                        rowsUnchanged: number;
                        /** @description Inserted, updated or found unchanged: in the database after the import. */
                        rowsLoaded: number;
                        rowsRejected: number;
                        bytesRead: number;
                        error: string | null;
                        createdBy: string;
                        createdAt: string;
                        startedAt: string | null;
                        finishedAt: string | null;
                    };
                };
            };
            /** @description The request is invalid; `issues` names each field and the reason. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or an unknown API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postApiImportsIdPreview: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {string} */
                    kind: "accounts" | "contacts" | "subscriptions" | "notes" | "surveys" | "tickets" | "events";
                    /** @description Field → the file's column that fills it; columns left out go into traits (properties for events) or are ignored. */
                    mapping?: {
                        [key: string]: string;
                    };
                    /**
                     * @description How dates such as 01/02/2026 are read: day/month/year (dmy) or month/day/year (mdy); default ymd, which refuses them as ambiguous
                     * @enum {string}
                     */
                    dateOrder?: "ymd" | "dmy" | "mdy";
                    limit?: number;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        kind: string;
                        fields: {
                            name: string;
                            type: string;
                            /** @description The import needs a column for it */
                            required: boolean;
                        }[];
                        /** @description Where columns mapped to no field go */
                        extraInto: ("traits" | "properties") | null;
                        suggested: {
                            [key: string]: string;
                        };
                        mapping: {
                            [key: string]: string;
                        };
                        /** @description Fields the import needs that the mapping leaves empty */
                        missing: string[];
                        columns: string[];
                        /** @description The first rows as written, in the file's columns */
                        sample: (string | null)[][];
                        rows: {
                            line: number;
                            values: {
                                [key: string]: unknown;
                            };
                        }[];
                        rejects: {
                            line: number;
                            raw: string;
                            issues: {
                                field: string;
                                message: string;
                            }[];
                        }[];
                    };
                };
            };
            /** @description The request is invalid; `issues` names each field and the reason. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or an unknown API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postApiImportsIdRun: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {string} */
                    kind: "accounts" | "contacts" | "subscriptions" | "notes" | "surveys" | "tickets" | "events";
                    /** @description Field → the file's column that fills it; columns left out go into traits (properties for events) or are ignored. */
                    mapping: {
                        [key: string]: string;
                    };
                    /**
                     * @description How dates such as 01/02/2026 are read: day/month/year (dmy) or month/day/year (mdy); default ymd, which refuses them as ambiguous
                     * @enum {string}
                     */
                    dateOrder?: "ymd" | "dmy" | "mdy";
                };
            };
        };
        responses: {
            /** @description Success */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        fileName: string;
                        /** @enum {string} */
                        format: "csv" | "jsonl";
                        gzip: boolean;
                        sizeBytes: number;
                        columns: string[];
                        kind: string | null;
                        mapping: {
                            [key: string]: string;
                        } | null;
                        dateOrder: ("ymd" | "dmy" | "mdy") | null;
                        /** @enum {string} */
                        status: "uploaded" | "running" | "done" | "failed";
                        rowsRead: number;
                        /** @description Rows of chunks that have committed, loaded or rejected. */
                        rowsCommitted: number;
                        rowsInserted: number;
                        rowsUpdated: number;
                        rowsUnchanged: number;
                        /** @description Inserted, updated or found unchanged: in the database after the import. */
                        rowsLoaded: number;
                        rowsRejected: number;
                        bytesRead: number;
                        error: string | null;
                        createdBy: string;
                        createdAt: string;
                        startedAt: string | null;
                        finishedAt: string | null;
                    };
                };
            };
            /** @description The request is invalid; `issues` names each field and the reason. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or an unknown API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiImportsIdRejects: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is invalid; `issues` names each field and the reason. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or an unknown API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiKeys: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["ApiKey"][];
                    };
                };
            };
            /** @description The request is invalid; `issues` names each field and the reason. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or an unknown API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postApiKeys: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    /** @enum {string} */
                    scope: "ingest" | "viewer" | "csm" | "admin";
                    /** @description Ingest keys only: a public key for analytics.js in your pages. */
                    browser?: boolean;
                    /** @description Ingest keys only: each user is its own account. */
                    b2c?: boolean;
                };
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        key: components["schemas"]["ApiKey"];
                        secret: string;
                        snippet: string;
                    };
                };
            };
            /** @description The request is invalid; `issues` names each field and the reason. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or an unknown API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    deleteApiKeysId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is invalid; `issues` names each field and the reason. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or an unknown API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiTrustHealthBacktest: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description ready: a report is stored (a recompute may have failed since: see lastError); computing: one is being made (the previous report, if any, is still given); not_enough_history: the data holds too little history to judge; failed: the last computation failed; none: never computed.
                         * @enum {string}
                         */
                        state: "ready" | "computing" | "none" | "not_enough_history" | "failed";
                        computedAt: string | null;
                        /** @description Who asked for it; 'pacer' when the app computed it on first request. */
                        computedBy: string | null;
                        /** @description How long the computation took. */
                        seconds: number | null;
                        reportId: string | null;
                        computing: {
                            startedAt: string;
                            by: string;
                            /** @description The churn evaluation trains a model per month-end and seed: how many are trained so far. */
                            models: {
                                done: number;
                                total: number;
                            } | null;
                        } | null;
                        lastError: {
                            /** @enum {string} */
                            code: "not_enough_history" | "failed";
                            message: string;
                            at: string;
                        } | null;
                        report: {
                            scorecard: string;
                            /** @description 0 for a proposed definition that is not saved. */
                            scorecardVersion: number;
                            horizonDays: number;
                            until: string;
                            asOfDates: string[];
                            /** @description Account-months replayed: accounts with a live contract on a month-end. */
                            n: number;
                            /** @description Account-months whose account had no live contract `horizonDays` later. */
                            churned: number;
                            /** @description ROC-AUC of (100 − score) against churn within the horizon. */
                            auc: number | null;
                            /** @description Churn rate of the lowest-scored tenth ÷ the overall churn rate. */
                            liftTopDecile: number | null;
                            byColor: {
                                green: {
                                    /** @description Account-months that were this colour on a replayed month-end. */
                                    accounts: number;
                                    /** @description Of those, how many had no live contract `horizonDays` later. */
                                    churned: number;
                                    /** @description churned / accounts; null when no account-month was this colour. */
                                    churnRate: number | null;
                                };
                                yellow: {
                                    /** @description Account-months that were this colour on a replayed month-end. */
                                    accounts: number;
                                    /** @description Of those, how many had no live contract `horizonDays` later. */
                                    churned: number;
                                    /** @description churned / accounts; null when no account-month was this colour. */
                                    churnRate: number | null;
                                };
                                red: {
                                    /** @description Account-months that were this colour on a replayed month-end. */
                                    accounts: number;
                                    /** @description Of those, how many had no live contract `horizonDays` later. */
                                    churned: number;
                                    /** @description churned / accounts; null when no account-month was this colour. */
                                    churnRate: number | null;
                                };
                            };
                            watermelons: {
                                /** @description Churned accounts that could be scored 30 days before their contract ended. */
                                churners: number;
                                greenThirtyDaysBefore: number;
                                share: number | null;
                                /** @description The green churners, latest ended first. */
                                accounts: {
                                    /** Format: uuid */
                                    accountId: string;
                                    name: string;
                                    /** @description The day its last contract ended. */
                                    endedOn: string;
                                    /** @description 30 days before: the day it was scored green. */
                                    scoredOn: string;
                                    score: number;
                                }[];
                            };
                            /** @enum {string} */
                            untilFrom: "data" | "asked";
                            contracted: number;
                            suggestion: {
                                groups: {
                                    name: string;
                                    weight: number;
                                    suggestedWeight: number;
                                }[];
                                /** @description The earlier month-ends the weights were fitted on. */
                                fittedOn: string[];
                                /** @description The later month-ends, held out, both weightings are judged on. */
                                judgedOn: string[];
                                current: {
                                    n: number;
                                    positives: number;
                                    auc: number | null;
                                    liftTopDecile: number | null;
                                };
                                suggested: {
                                    n: number;
                                    positives: number;
                                    auc: number | null;
                                    liftTopDecile: number | null;
                                };
                            } | null;
                        } | null;
                        /** @description Whether the suggested weights rank the held-out month-ends better than the current ones. */
                        judgement: {
                            better: boolean;
                            reason: string;
                        } | null;
                        /** @description The scorecard has a newer version than the one this report replayed. */
                        stale: boolean;
                    };
                };
            };
            /** @description The request is invalid; `issues` names each field and the reason. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or an unknown API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postApiTrustHealthBacktest: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description ready: a report is stored (a recompute may have failed since: see lastError); computing: one is being made (the previous report, if any, is still given); not_enough_history: the data holds too little history to judge; failed: the last computation failed; none: never computed.
                         * @enum {string}
                         */
                        state: "ready" | "computing" | "none" | "not_enough_history" | "failed";
                        computedAt: string | null;
                        /** @description Who asked for it; 'pacer' when the app computed it on first request. */
                        computedBy: string | null;
                        /** @description How long the computation took. */
                        seconds: number | null;
                        reportId: string | null;
                        computing: {
                            startedAt: string;
                            by: string;
                            /** @description The churn evaluation trains a model per month-end and seed: how many are trained so far. */
                            models: {
                                done: number;
                                total: number;
                            } | null;
                        } | null;
                        lastError: {
                            /** @enum {string} */
                            code: "not_enough_history" | "failed";
                            message: string;
                            at: string;
                        } | null;
                        report: {
                            scorecard: string;
                            /** @description 0 for a proposed definition that is not saved. */
                            scorecardVersion: number;
                            horizonDays: number;
                            until: string;
                            asOfDates: string[];
                            /** @description Account-months replayed: accounts with a live contract on a month-end. */
                            n: number;
                            /** @description Account-months whose account had no live contract `horizonDays` later. */
                            churned: number;
                            /** @description ROC-AUC of (100 − score) against churn within the horizon. */
                            auc: number | null;
                            /** @description Churn rate of the lowest-scored tenth ÷ the overall churn rate. */
                            liftTopDecile: number | null;
                            byColor: {
                                green: {
                                    /** @description Account-months that were this colour on a replayed month-end. */
                                    accounts: number;
                                    /** @description Of those, how many had no live contract `horizonDays` later. */
                                    churned: number;
                                    /** @description churned / accounts; null when no account-month was this colour. */
                                    churnRate: number | null;
                                };
                                yellow: {
                                    /** @description Account-months that were this colour on a replayed month-end. */
                                    accounts: number;
                                    /** @description Of those, how many had no live contract `horizonDays` later. */
                                    churned: number;
                                    /** @description churned / accounts; null when no account-month was this colour. */
                                    churnRate: number | null;
                                };
                                red: {
                                    /** @description Account-months that were this colour on a replayed month-end. */
                                    accounts: number;
                                    /** @description Of those, how many had no live contract `horizonDays` later. */
                                    churned: number;
                                    /** @description churned / accounts; null when no account-month was this colour. */
                                    churnRate: number | null;
                                };
                            };
                            watermelons: {
                                /** @description Churned accounts that could be scored 30 days before their contract ended. */
                                churners: number;
                                greenThirtyDaysBefore: number;
                                share: number | null;
                                /** @description The green churners, latest ended first. */
                                accounts: {
                                    /** Format: uuid */
                                    accountId: string;
                                    name: string;
                                    /** @description The day its last contract ended. */
                                    endedOn: string;
                                    /** @description 30 days before: the day it was scored green. */
                                    scoredOn: string;
                                    score: number;
                                }[];
                            };
                            /** @enum {string} */
                            untilFrom: "data" | "asked";
                            contracted: number;
                            suggestion: {
                                groups: {
                                    name: string;
                                    weight: number;
                                    suggestedWeight: number;
                                }[];
                                /** @description The earlier month-ends the weights were fitted on. */
                                fittedOn: string[];
                                /** @description The later month-ends, held out, both weightings are judged on. */
                                judgedOn: string[];
                                current: {
                                    n: number;
                                    positives: number;
                                    auc: number | null;
                                    liftTopDecile: number | null;
                                };
                                suggested: {
                                    n: number;
                                    positives: number;
                                    auc: number | null;
                                    liftTopDecile: number | null;
                                };
                            } | null;
                        } | null;
                        /** @description Whether the suggested weights rank the held-out month-ends better than the current ones. */
                        judgement: {
                            better: boolean;
                            reason: string;
                        } | null;
                        /** @description The scorecard has a newer version than the one this report replayed. */
                        stale: boolean;
                    };
                };
            };
            /** @description The request is invalid; `issues` names each field and the reason. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or an unknown API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postApiTrustHealthBacktestAccept: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * Format: uuid
                     * @description The report whose weights were shown (its reportId): a newer report must be looked at first.
                     */
                    reportId: string;
                };
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        name: string;
                        version: number;
                        weights: {
                            name: string;
                            weight: number;
                        }[];
                        reason: string;
                    };
                };
            };
            /** @description The request is invalid; `issues` names each field and the reason. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or an unknown API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiTrustChurnEvaluation: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description ready: a report is stored (a recompute may have failed since: see lastError); computing: one is being made (the previous report, if any, is still given); not_enough_history: the data holds too little history to judge; failed: the last computation failed; none: never computed.
                         * @enum {string}
                         */
                        state: "ready" | "computing" | "none" | "not_enough_history" | "failed";
                        computedAt: string | null;
                        /** @description Who asked for it; 'pacer' when the app computed it on first request. */
                        computedBy: string | null;
                        /** @description How long the computation took. */
                        seconds: number | null;
                        reportId: string | null;
                        computing: {
                            startedAt: string;
                            by: string;
                            /** @description The churn evaluation trains a model per month-end and seed: how many are trained so far. */
                            models: {
                                done: number;
                                total: number;
                            } | null;
                        } | null;
                        lastError: {
                            /** @enum {string} */
                            code: "not_enough_history" | "failed";
                            message: string;
                            at: string;
                        } | null;
                        report: {
                            /** @enum {string} */
                            method: "cross-validation" | "backtest";
                            horizonDays: number;
                            churnMeans: string;
                            asOfDates: string[];
                            /** @description Month-ends predicted, each by a model trained on earlier ones only. */
                            testedDates: string[];
                            until: string;
                            /** @enum {string} */
                            untilFrom: "data" | "option" | "today";
                            folds: number | null;
                            /** @description Held-out account-months: every figure is measured on these. */
                            n: number;
                            positives: number;
                            model: {
                                n: number;
                                positives: number;
                                rocAuc: number | null;
                                prAuc: number | null;
                                brier: number | null;
                                liftTopDecile: number | null;
                                /** @description Ten equal-size bins by predicted probability, lowest first. */
                                calibration: {
                                    n: number;
                                    meanPredicted: number;
                                    observedRate: number;
                                }[];
                            };
                            /** @description The health score, turned into a probability on the training side only. */
                            healthScore: {
                                n: number;
                                positives: number;
                                rocAuc: number | null;
                                prAuc: number | null;
                                brier: number | null;
                                liftTopDecile: number | null;
                                /** @description Ten equal-size bins by predicted probability, lowest first. */
                                calibration: {
                                    n: number;
                                    meanPredicted: number;
                                    observedRate: number;
                                }[];
                            };
                            /** @description Days since last active, turned into a probability the same way. */
                            daysSinceLastActive: {
                                n: number;
                                positives: number;
                                rocAuc: number | null;
                                prAuc: number | null;
                                brier: number | null;
                                liftTopDecile: number | null;
                                /** @description Ten equal-size bins by predicted probability, lowest first. */
                                calibration: {
                                    n: number;
                                    meanPredicted: number;
                                    observedRate: number;
                                }[];
                            };
                            chosen: {
                                logistic: number;
                                boosting: number;
                            };
                            seeds: {
                                seeds: number[];
                                rocAuc: {
                                    median: number;
                                    min: number;
                                    max: number;
                                } | null;
                                prAuc: {
                                    median: number;
                                    min: number;
                                    max: number;
                                } | null;
                                brier: {
                                    median: number;
                                    min: number;
                                    max: number;
                                } | null;
                            };
                            roc: {
                                model: {
                                    fpr: number;
                                    tpr: number;
                                }[];
                                healthScore: {
                                    fpr: number;
                                    tpr: number;
                                }[];
                                daysSinceLastActive: {
                                    fpr: number;
                                    tpr: number;
                                }[];
                            };
                        } | null;
                    };
                };
            };
            /** @description The request is invalid; `issues` names each field and the reason. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or an unknown API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postApiTrustChurnEvaluation: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description ready: a report is stored (a recompute may have failed since: see lastError); computing: one is being made (the previous report, if any, is still given); not_enough_history: the data holds too little history to judge; failed: the last computation failed; none: never computed.
                         * @enum {string}
                         */
                        state: "ready" | "computing" | "none" | "not_enough_history" | "failed";
                        computedAt: string | null;
                        /** @description Who asked for it; 'pacer' when the app computed it on first request. */
                        computedBy: string | null;
                        /** @description How long the computation took. */
                        seconds: number | null;
                        reportId: string | null;
                        computing: {
                            startedAt: string;
                            by: string;
                            /** @description The churn evaluation trains a model per month-end and seed: how many are trained so far. */
                            models: {
                                done: number;
                                total: number;
                            } | null;
                        } | null;
                        lastError: {
                            /** @enum {string} */
                            code: "not_enough_history" | "failed";
                            message: string;
                            at: string;
                        } | null;
                        report: {
                            /** @enum {string} */
                            method: "cross-validation" | "backtest";
                            horizonDays: number;
                            churnMeans: string;
                            asOfDates: string[];
                            /** @description Month-ends predicted, each by a model trained on earlier ones only. */
                            testedDates: string[];
                            until: string;
                            /** @enum {string} */
                            untilFrom: "data" | "option" | "today";
                            folds: number | null;
                            /** @description Held-out account-months: every figure is measured on these. */
                            n: number;
                            positives: number;
                            model: {
                                n: number;
                                positives: number;
                                rocAuc: number | null;
                                prAuc: number | null;
                                brier: number | null;
                                liftTopDecile: number | null;
                                /** @description Ten equal-size bins by predicted probability, lowest first. */
                                calibration: {
                                    n: number;
                                    meanPredicted: number;
                                    observedRate: number;
                                }[];
                            };
                            /** @description The health score, turned into a probability on the training side only. */
                            healthScore: {
                                n: number;
                                positives: number;
                                rocAuc: number | null;
                                prAuc: number | null;
                                brier: number | null;
                                liftTopDecile: number | null;
                                /** @description Ten equal-size bins by predicted probability, lowest first. */
                                calibration: {
                                    n: number;
                                    meanPredicted: number;
                                    observedRate: number;
                                }[];
                            };
                            /** @description Days since last active, turned into a probability the same way. */
                            daysSinceLastActive: {
                                n: number;
                                positives: number;
                                rocAuc: number | null;
                                prAuc: number | null;
                                brier: number | null;
                                liftTopDecile: number | null;
                                /** @description Ten equal-size bins by predicted probability, lowest first. */
                                calibration: {
                                    n: number;
                                    meanPredicted: number;
                                    observedRate: number;
                                }[];
                            };
                            chosen: {
                                logistic: number;
                                boosting: number;
                            };
                            seeds: {
                                seeds: number[];
                                rocAuc: {
                                    median: number;
                                    min: number;
                                    max: number;
                                } | null;
                                prAuc: {
                                    median: number;
                                    min: number;
                                    max: number;
                                } | null;
                                brier: {
                                    median: number;
                                    min: number;
                                    max: number;
                                } | null;
                            };
                            roc: {
                                model: {
                                    fpr: number;
                                    tpr: number;
                                }[];
                                healthScore: {
                                    fpr: number;
                                    tpr: number;
                                }[];
                                daysSinceLastActive: {
                                    fpr: number;
                                    tpr: number;
                                }[];
                            };
                        } | null;
                    };
                };
            };
            /** @description The request is invalid; `issues` names each field and the reason. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or an unknown API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postApiScorecardsNameBacktest: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    thresholds: {
                        red: number;
                        yellow: number;
                    };
                    appliesTo: {
                        lifecycleStages: string[];
                    };
                    root: components["schemas"]["__schema03"];
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        name: string;
                        horizonDays: number;
                        /** @description The saved version of this scorecard over the same month-ends; null when none is saved yet. */
                        current: {
                            scorecard: string;
                            /** @description 0 for a proposed definition that is not saved. */
                            scorecardVersion: number;
                            horizonDays: number;
                            until: string;
                            asOfDates: string[];
                            /** @description Account-months replayed: accounts with a live contract on a month-end. */
                            n: number;
                            /** @description Account-months whose account had no live contract `horizonDays` later. */
                            churned: number;
                            /** @description ROC-AUC of (100 − score) against churn within the horizon. */
                            auc: number | null;
                            /** @description Churn rate of the lowest-scored tenth ÷ the overall churn rate. */
                            liftTopDecile: number | null;
                            byColor: {
                                green: {
                                    /** @description Account-months that were this colour on a replayed month-end. */
                                    accounts: number;
                                    /** @description Of those, how many had no live contract `horizonDays` later. */
                                    churned: number;
                                    /** @description churned / accounts; null when no account-month was this colour. */
                                    churnRate: number | null;
                                };
                                yellow: {
                                    /** @description Account-months that were this colour on a replayed month-end. */
                                    accounts: number;
                                    /** @description Of those, how many had no live contract `horizonDays` later. */
                                    churned: number;
                                    /** @description churned / accounts; null when no account-month was this colour. */
                                    churnRate: number | null;
                                };
                                red: {
                                    /** @description Account-months that were this colour on a replayed month-end. */
                                    accounts: number;
                                    /** @description Of those, how many had no live contract `horizonDays` later. */
                                    churned: number;
                                    /** @description churned / accounts; null when no account-month was this colour. */
                                    churnRate: number | null;
                                };
                            };
                            watermelons: {
                                /** @description Churned accounts that could be scored 30 days before their contract ended. */
                                churners: number;
                                greenThirtyDaysBefore: number;
                                share: number | null;
                            };
                        } | null;
                        proposed: {
                            scorecard: string;
                            /** @description 0 for a proposed definition that is not saved. */
                            scorecardVersion: number;
                            horizonDays: number;
                            until: string;
                            asOfDates: string[];
                            /** @description Account-months replayed: accounts with a live contract on a month-end. */
                            n: number;
                            /** @description Account-months whose account had no live contract `horizonDays` later. */
                            churned: number;
                            /** @description ROC-AUC of (100 − score) against churn within the horizon. */
                            auc: number | null;
                            /** @description Churn rate of the lowest-scored tenth ÷ the overall churn rate. */
                            liftTopDecile: number | null;
                            byColor: {
                                green: {
                                    /** @description Account-months that were this colour on a replayed month-end. */
                                    accounts: number;
                                    /** @description Of those, how many had no live contract `horizonDays` later. */
                                    churned: number;
                                    /** @description churned / accounts; null when no account-month was this colour. */
                                    churnRate: number | null;
                                };
                                yellow: {
                                    /** @description Account-months that were this colour on a replayed month-end. */
                                    accounts: number;
                                    /** @description Of those, how many had no live contract `horizonDays` later. */
                                    churned: number;
                                    /** @description churned / accounts; null when no account-month was this colour. */
                                    churnRate: number | null;
                                };
                                red: {
                                    /** @description Account-months that were this colour on a replayed month-end. */
                                    accounts: number;
                                    /** @description Of those, how many had no live contract `horizonDays` later. */
                                    churned: number;
                                    /** @description churned / accounts; null when no account-month was this colour. */
                                    churnRate: number | null;
                                };
                            };
                            watermelons: {
                                /** @description Churned accounts that could be scored 30 days before their contract ended. */
                                churners: number;
                                greenThirtyDaysBefore: number;
                                share: number | null;
                            };
                        };
                    };
                };
            };
            /** @description The request is invalid; `issues` names each field and the reason. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or an unknown API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiPlaybooks: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["Playbook"][];
                    };
                };
            };
            /** @description The request is invalid; `issues` names each field and the reason. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or an unknown API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postApiPlaybooks: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PlaybookDefinition"];
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        playbook: components["schemas"]["Playbook"];
                    };
                };
            };
            /** @description The request is invalid; `issues` names each field and the reason. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or an unknown API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiPlaybooksId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        playbook: components["schemas"]["Playbook"];
                        versions: {
                            version: number;
                            /** @description A PlaybookDefinition as saved */
                            definition: {
                                [key: string]: unknown;
                            };
                            createdBy: string;
                            createdAt: string;
                        }[];
                    };
                };
            };
            /** @description The request is invalid; `issues` names each field and the reason. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or an unknown API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    putApiPlaybooksId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PlaybookDefinition2"];
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        playbook: components["schemas"]["Playbook"];
                    };
                };
            };
            /** @description The request is invalid; `issues` names each field and the reason. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or an unknown API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postApiPlaybooksIdEnable: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        playbook: components["schemas"]["Playbook"];
                    };
                };
            };
            /** @description The request is invalid; `issues` names each field and the reason. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or an unknown API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postApiPlaybooksIdDisable: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        playbook: components["schemas"]["Playbook"];
                    };
                };
            };
            /** @description The request is invalid; `issues` names each field and the reason. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or an unknown API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postApiPlaybooksIdDryRun: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    definition?: components["schemas"]["PlaybookDefinition3"];
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["PlaybookDryRunHit"][];
                        total: number;
                    };
                };
            };
            /** @description The request is invalid; `issues` names each field and the reason. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or an unknown API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiTasks: {
        parameters: {
            query?: {
                /** @description me (the default when signed in), a team member id, none (pool tasks) or any (the default for keys). */
                assignee?: "me" | "none" | "any" | string;
                /** @description open: to do now (open, or snoozed until today or before); snoozed: still snoozed. */
                status?: "open" | "snoozed" | "done" | "all";
                accountId?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["Task"][];
                    };
                };
            };
            /** @description The request is invalid; `issues` names each field and the reason. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or an unknown API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postApiTasks: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: uuid */
                    accountId: string;
                    title: string;
                    /** @description Who does it; left out: the person creating it (an API key: the account owner). Null with a pool. */
                    assigneeId?: string | null;
                    /** @description A pool (e.g. "onboarding") anyone in it may take the task from. */
                    pool?: string | null;
                    /**
                     * @default normal
                     * @enum {string}
                     */
                    priority?: "low" | "normal" | "high" | "urgent";
                    dueDate?: string | null;
                    /** @default [] */
                    checklist?: {
                        text: string;
                        /** @default false */
                        done?: boolean;
                    }[];
                    /** @description The sentence saying why the task exists, e.g. "Health turned red on 2026-12-01". */
                    reason?: string;
                    /** Format: uuid */
                    playbookId?: string;
                    playbookVersion?: number;
                    /** @description With the account and playbook, what makes two tasks the same: while one is not done, another with the same key updates it. */
                    dedupeKey?: string;
                };
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        task: components["schemas"]["Task"];
                        created: boolean;
                    };
                };
            };
            /** @description The request is invalid; `issues` names each field and the reason. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or an unknown API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    patchApiTasksId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {string} */
                    status?: "open" | "done";
                    /**
                     * Format: date
                     * @description Hide the task until this day; it comes back to My day on it.
                     */
                    snoozedUntil?: string;
                    assigneeId?: string | null;
                    pool?: string | null;
                    title?: string;
                    /** @enum {string} */
                    priority?: "low" | "normal" | "high" | "urgent";
                    dueDate?: string | null;
                    checklist?: {
                        text: string;
                        /** @default false */
                        done?: boolean;
                    }[];
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        task: components["schemas"]["Task"];
                    };
                };
            };
            /** @description The request is invalid; `issues` names each field and the reason. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or an unknown API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getHealthz: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @constant */
                        ok: true;
                        version?: string;
                        database?: string;
                    };
                };
            };
            /** @description The request is invalid; `issues` names each field and the reason. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
}
