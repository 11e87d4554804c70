// Generated from openapi.json by scripts/gen-api-types.mjs (openapi-typescript).
// Do not edit: change the response models in api/schemas/ and run `npm run gen:api`.

export interface paths {
    "/api/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Login */
        post: operations["login_api_auth_login_post"];
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
        /** Logout */
        post: operations["logout_api_auth_logout_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Me */
        get: operations["me_api_me_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/accounts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List Accounts */
        get: operations["list_accounts_api_accounts_get"];
        put?: never;
        /** Create Account */
        post: operations["create_account_api_accounts_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/accounts/{account_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get Account */
        get: operations["get_account_api_accounts__account_id__get"];
        put?: never;
        post?: never;
        /** Delete Account */
        delete: operations["delete_account_api_accounts__account_id__delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/tags": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List Tags */
        get: operations["list_tags_api_tags_get"];
        put?: never;
        /** Create Tag */
        post: operations["create_tag_api_tags_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/tags/{tag_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete Tag */
        delete: operations["delete_tag_api_tags__tag_id__delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/friends": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List Friends */
        get: operations["list_friends_api_friends_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/friends/{friend_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get Friend */
        get: operations["get_friend_api_friends__friend_id__get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auto-messages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List Auto Messages */
        get: operations["list_auto_messages_api_auto_messages_get"];
        put?: never;
        /** Create Auto Message */
        post: operations["create_auto_message_api_auto_messages_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auto-messages/{message_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get Auto Message */
        get: operations["get_auto_message_api_auto_messages__message_id__get"];
        /** Update Auto Message */
        put: operations["update_auto_message_api_auto_messages__message_id__put"];
        post?: never;
        /** Delete Auto Message */
        delete: operations["delete_auto_message_api_auto_messages__message_id__delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/rich-menus/schema": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Rich Menu Schema
         * @description The JSON Schema of LINE's rich menu object (size, chat bar text, tap areas): the web
         *     app's rich menu form is derived from it.
         */
        get: operations["rich_menu_schema_api_rich_menus_schema_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/rich-menus": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List Rich Menus */
        get: operations["list_rich_menus_api_rich_menus_get"];
        put?: never;
        /** Create Rich Menu */
        post: operations["create_rich_menu_api_rich_menus_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/rich-menus/{menu_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete Rich Menu */
        delete: operations["delete_rich_menu_api_rich_menus__menu_id__delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/qr-codes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List Qr Codes */
        get: operations["list_qr_codes_api_qr_codes_get"];
        put?: never;
        /** Create Qr Code */
        post: operations["create_qr_code_api_qr_codes_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/catalog": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get Catalog
         * @description Node types this organisation can use; integration actions only once connected.
         */
        get: operations["get_catalog_api_catalog_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/templates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List Templates */
        get: operations["list_templates_api_templates_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/workflows/{workflow_id}/duplicate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Duplicate */
        post: operations["duplicate_api_workflows__workflow_id__duplicate_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/workflows/{workflow_id}/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Export */
        get: operations["export_api_workflows__workflow_id__export_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/workflows/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Import Workflow
         * @description Body: an export. Creates a draft; the report says what was and was not re-linked.
         */
        post: operations["import_workflow_api_workflows_import_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/workflows/{workflow_id}/revisions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List Revisions */
        get: operations["list_revisions_api_workflows__workflow_id__revisions_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/workflows/{workflow_id}/revisions/diff": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Diff Revisions
         * @description Changes from revision `from` (default: the one before `to`) to `to` (default: latest).
         */
        get: operations["diff_revisions_api_workflows__workflow_id__revisions_diff_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/workflows/{workflow_id}/revisions/{number}/restore": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Restore Revision
         * @description Store revision `number`'s graph as a new revision (history is never rewritten).
         */
        post: operations["restore_revision_api_workflows__workflow_id__revisions__number__restore_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/workflows": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List Workflows */
        get: operations["list_workflows_api_workflows_get"];
        put?: never;
        /** Create Workflow */
        post: operations["create_workflow_api_workflows_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/workflows/{workflow_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get Workflow */
        get: operations["get_workflow_api_workflows__workflow_id__get"];
        /** Save Workflow */
        put: operations["save_workflow_api_workflows__workflow_id__put"];
        post?: never;
        /** Delete Workflow */
        delete: operations["delete_workflow_api_workflows__workflow_id__delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/workflows/{workflow_id}/revisions/{number}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get Revision */
        get: operations["get_revision_api_workflows__workflow_id__revisions__number__get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/workflows/{workflow_id}/validation": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Validation */
        get: operations["validation_api_workflows__workflow_id__validation_get"];
        put?: never;
        /**
         * Validate Draft
         * @description Validate the editor's unsaved graph (nothing is stored): live validation.
         */
        post: operations["validate_draft_api_workflows__workflow_id__validation_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/workflows/{workflow_id}/activate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Activate */
        post: operations["activate_api_workflows__workflow_id__activate_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/workflows/{workflow_id}/pause": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Pause */
        post: operations["pause_api_workflows__workflow_id__pause_post"];
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
        /** List Audit */
        get: operations["list_audit_api_audit_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/audit/actors": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Actors
         * @description Everyone who appears in the organisation's audit log (for the page's actor filter).
         */
        get: operations["list_actors_api_audit_actors_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/workflows/{workflow_id}/executions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List Executions */
        get: operations["list_executions_api_workflows__workflow_id__executions_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/executions/{run_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get Execution */
        get: operations["get_execution_api_executions__run_id__get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/workflows/{workflow_id}/executions/timeline": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Executions Timeline
         * @description Runs per hour or day (in the viewer's time zone), newest bucket last, with statuses.
         */
        get: operations["executions_timeline_api_workflows__workflow_id__executions_timeline_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/webhooks/commerce/{account_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Commerce Webhook */
        post: operations["commerce_webhook_webhooks_commerce__account_id__post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/q/{code}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Open Qr */
        get: operations["open_qr_q__code__get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Healthz */
        get: operations["healthz_healthz_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/livez": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Livez */
        get: operations["livez_livez_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/readyz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Readyz */
        get: operations["readyz_readyz_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Metrics Endpoint */
        get: operations["metrics_endpoint_metrics_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/agent/conversations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Create Conversation */
        post: operations["create_conversation_api_agent_conversations_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/agent/conversations/{conversation_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get Conversation */
        get: operations["get_conversation_api_agent_conversations__conversation_id__get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/agent/conversations/{conversation_id}/messages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send Message */
        post: operations["send_message_api_agent_conversations__conversation_id__messages_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/agent/conversations/{conversation_id}/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Approve */
        post: operations["approve_api_agent_conversations__conversation_id__approve_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/agent/conversations/{conversation_id}/discard": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Discard */
        post: operations["discard_api_agent_conversations__conversation_id__discard_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List Tokens */
        get: operations["list_tokens_api_tokens_get"];
        put?: never;
        /**
         * Create Token
         * @description A new API token for the caller. The token is in this answer only: store it now.
         */
        post: operations["create_token_api_tokens_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/tokens/{token_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke */
        delete: operations["revoke_api_tokens__token_id__delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/faq": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List Faq */
        get: operations["list_faq_api_faq_get"];
        put?: never;
        /** Create Faq */
        post: operations["create_faq_api_faq_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/faq/{entry_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get Faq */
        get: operations["get_faq_api_faq__entry_id__get"];
        /** Update Faq */
        put: operations["update_faq_api_faq__entry_id__put"];
        post?: never;
        /** Delete Faq */
        delete: operations["delete_faq_api_faq__entry_id__delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/faq/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Preview
         * @description What the Customer Agent would answer: lets a marketer test the FAQ before going live.
         */
        post: operations["preview_api_faq_preview_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/friends/{friend_id}/conversations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Friend Conversations
         * @description The friend's Customer Agent sessions, newest first, each with its transcript.
         */
        get: operations["friend_conversations_api_friends__friend_id__conversations_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/conversations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Conversations
         * @description Sessions of the organisation, newest first (end_reason=handoff: friends awaiting staff).
         */
        get: operations["list_conversations_api_conversations_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/integrations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List Integrations */
        get: operations["list_integrations_api_integrations_get"];
        put?: never;
        /** Connect */
        post: operations["connect_api_integrations_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/integrations/{ref}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get Integration */
        get: operations["get_integration_api_integrations__ref__get"];
        put?: never;
        post?: never;
        /** Disconnect */
        delete: operations["disconnect_api_integrations__ref__delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/integrations/{ref}/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Test Key
         * @description Call the service with the stored key: {"ok": true} or {"ok": false, "message": why}.
         */
        post: operations["test_key_api_integrations__ref__test_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/try-it/{account_id}/{action}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Act */
        post: operations["act_api_try_it__account_id___action__post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/try-it/{account_id}/messages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Messages
         * @description What the account sent (push and reply), oldest first, optionally to one friend.
         */
        get: operations["messages_api_try_it__account_id__messages_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/dead-letters": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Dead Letters
         * @description Newest first.
         */
        get: operations["list_dead_letters_api_dead_letters_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/dead-letters/{event_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get Dead Letter
         * @description One event (dead, or since retried) with the payload LINE sent.
         */
        get: operations["get_dead_letter_api_dead_letters__event_id__get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/dead-letters/{event_id}/retry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Retry Dead Letter */
        post: operations["retry_dead_letter_api_dead_letters__event_id__retry_post"];
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
        /** Account */
        Account: {
            /** Id */
            id: number;
            /** Name */
            name: string;
            /** Channel Id */
            channel_id: string;
            /** Basic Id */
            basic_id: string | null;
            /** Timezone */
            timezone: string;
            /** Webhook Url */
            webhook_url: string;
            /** Commerce Webhook Url */
            commerce_webhook_url: string;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
        };
        /** AccountCreated */
        AccountCreated: {
            /** Id */
            id: number;
            /** Name */
            name: string;
            /** Channel Id */
            channel_id: string;
            /** Basic Id */
            basic_id: string | null;
            /** Timezone */
            timezone: string;
            /** Webhook Url */
            webhook_url: string;
            /** Commerce Webhook Url */
            commerce_webhook_url: string;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Commerce Secret */
            commerce_secret: string;
        };
        /** AccountIn */
        AccountIn: {
            /** Name */
            name: string;
            /** Channel Id */
            channel_id: string;
            /** Channel Secret */
            channel_secret: string;
            /** Access Token */
            access_token: string;
            /**
             * Basic Id
             * @description The @id used for chat links (QR codes).
             */
            basic_id?: string | null;
            /**
             * Timezone
             * @default Asia/Tokyo
             */
            timezone: string;
        };
        /** AgentSession */
        AgentSession: {
            /** Id */
            id: number;
            /** Friend Id */
            friend_id: number;
            /** Account Id */
            account_id: number;
            /** Status */
            status: string;
            /** End Reason */
            end_reason: string | null;
            /** Run Id */
            run_id: string | null;
            /** Workflow Id */
            workflow_id: number | null;
            /** Node Id */
            node_id: string | null;
            /** Handoff Keyword */
            handoff_keyword: string | null;
            /**
             * Started At
             * Format: date-time
             */
            started_at: string;
            /** Last Activity At */
            last_activity_at: string | null;
            /** Expires At */
            expires_at: string | null;
            /** Ended At */
            ended_at: string | null;
        };
        /** AgentSessionWithMessages */
        AgentSessionWithMessages: {
            /** Id */
            id: number;
            /** Friend Id */
            friend_id: number;
            /** Account Id */
            account_id: number;
            /** Status */
            status: string;
            /** End Reason */
            end_reason: string | null;
            /** Run Id */
            run_id: string | null;
            /** Workflow Id */
            workflow_id: number | null;
            /** Node Id */
            node_id: string | null;
            /** Handoff Keyword */
            handoff_keyword: string | null;
            /**
             * Started At
             * Format: date-time
             */
            started_at: string;
            /** Last Activity At */
            last_activity_at: string | null;
            /** Expires At */
            expires_at: string | null;
            /** Ended At */
            ended_at: string | null;
            /** Messages */
            messages: components["schemas"]["TranscriptMessage"][];
        };
        /** AltUri */
        AltUri: {
            /**
             * Desktop
             * @description http(s)://, line:// or tel: URI.
             */
            desktop: string;
        };
        /** ApiToken */
        ApiToken: {
            /** Id */
            id: number;
            /** Name */
            name: string;
            /** Kind */
            kind: string;
            user: components["schemas"]["TokenUser"];
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Last Used At */
            last_used_at: string | null;
            /** Expires At */
            expires_at: string | null;
            /** Revoked At */
            revoked_at: string | null;
            /** Current */
            current: boolean;
        };
        /** ApiTokenCreated */
        ApiTokenCreated: {
            /** Id */
            id: number;
            /** Name */
            name: string;
            /** Kind */
            kind: string;
            user: components["schemas"]["TokenUser"];
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Last Used At */
            last_used_at: string | null;
            /** Expires At */
            expires_at: string | null;
            /** Revoked At */
            revoked_at: string | null;
            /** Current */
            current: boolean;
            /** Token */
            token: string;
        };
        /** ApproveIn */
        ApproveIn: {
            /**
             * Create Tags
             * @default true
             */
            create_tags: boolean;
        };
        /** Approved */
        Approved: {
            /** Workflow Id */
            workflow_id: number | null;
            /** Created Tags */
            created_tags: unknown[];
            /** Reply */
            reply: string;
            /** Status */
            status: string | null;
        };
        /** Audio */
        AudioMessage: {
            quickReply?: components["schemas"]["QuickReply"] | null;
            sender?: components["schemas"]["Sender"] | null;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "audio";
            /**
             * Originalcontenturl
             * @description HTTPS URL of the M4A/MP3.
             */
            originalContentUrl: string;
            /**
             * Duration
             * @description Length in milliseconds.
             */
            duration: number;
        };
        /** AuditEvent */
        AuditEvent: {
            /** Id */
            id: number;
            /**
             * At
             * Format: date-time
             */
            at: string;
            /** Actor */
            actor: string | null;
            /** User Id */
            user_id: number | null;
            /** Action */
            action: string;
            target: components["schemas"]["AuditTarget"];
            /** Detail */
            detail: {
                [key: string]: unknown;
            };
        };
        /** AuditTarget */
        AuditTarget: {
            /** Type */
            type: string;
            /** Id */
            id: number | null;
            /** Name */
            name: string | null;
        };
        /** AutoMessage */
        AutoMessage: {
            /** Id */
            id: number;
            /** Name */
            name: string;
            /**
             * Messages
             * @description 1 to 5 LINE message objects.
             */
            messages: {
                [key: string]: unknown;
            }[];
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Updated At */
            updated_at: string | null;
        };
        /** AutoMessageIn */
        AutoMessageIn: {
            /** Name */
            name: string;
            /**
             * Messages
             * @description 1 to 5 LINE message objects, in LINE's shape.
             */
            messages: (components["schemas"]["TextMessage"] | components["schemas"]["StickerMessage"] | components["schemas"]["ImageMessage"] | components["schemas"]["VideoMessage"] | components["schemas"]["AudioMessage"] | components["schemas"]["LocationMessage"] | components["schemas"]["ImagemapMessage"] | components["schemas"]["TemplateMessage"] | components["schemas"]["FlexMessage"] | components["schemas"]["CouponMessage"])[];
        };
        /** AvailableIntegration */
        AvailableIntegration: {
            /** Kind */
            kind: string;
            /** Name */
            name: string;
            /** Connected */
            connected: boolean;
        };
        /** Bounds */
        Bounds: {
            /** X */
            x: number;
            /** Y */
            y: number;
            /** Width */
            width: number;
            /** Height */
            height: number;
        };
        /** Buttons */
        ButtonsTemplate: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "buttons";
            /** Thumbnailimageurl */
            thumbnailImageUrl?: string | null;
            /** Imageaspectratio */
            imageAspectRatio?: ("rectangle" | "square") | null;
            /** Imagesize */
            imageSize?: ("cover" | "contain") | null;
            /** Imagebackgroundcolor */
            imageBackgroundColor?: string | null;
            /** Title */
            title?: string | null;
            /**
             * Text
             * @description Up to 160 characters (60 with an image or a title).
             */
            text: string;
            /** Defaultaction */
            defaultAction?: (components["schemas"]["PostbackAction"] | components["schemas"]["MessageAction"] | components["schemas"]["UriAction"] | components["schemas"]["DatetimePickerAction"] | components["schemas"]["CameraAction"] | components["schemas"]["CameraRollAction"] | components["schemas"]["LocationAction"] | components["schemas"]["ClipboardAction"]) | null;
            /** Actions */
            actions: (components["schemas"]["PostbackAction"] | components["schemas"]["MessageAction"] | components["schemas"]["UriAction"] | components["schemas"]["DatetimePickerAction"] | components["schemas"]["CameraAction"] | components["schemas"]["CameraRollAction"] | components["schemas"]["LocationAction"] | components["schemas"]["ClipboardAction"])[];
        };
        /** Camera */
        CameraAction: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "camera";
            /**
             * Label
             * @description Button label (LINE shows up to 20 characters).
             */
            label: string;
        };
        /** Camera roll */
        CameraRollAction: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "cameraRoll";
            /**
             * Label
             * @description Button label (LINE shows up to 20 characters).
             */
            label: string;
        };
        /** Column */
        CarouselColumn: {
            /** Thumbnailimageurl */
            thumbnailImageUrl?: string | null;
            /** Imagebackgroundcolor */
            imageBackgroundColor?: string | null;
            /** Title */
            title?: string | null;
            /**
             * Text
             * @description Up to 120 characters (60 with an image or a title).
             */
            text: string;
            /** Defaultaction */
            defaultAction?: (components["schemas"]["PostbackAction"] | components["schemas"]["MessageAction"] | components["schemas"]["UriAction"] | components["schemas"]["DatetimePickerAction"] | components["schemas"]["CameraAction"] | components["schemas"]["CameraRollAction"] | components["schemas"]["LocationAction"] | components["schemas"]["ClipboardAction"]) | null;
            /** Actions */
            actions: (components["schemas"]["PostbackAction"] | components["schemas"]["MessageAction"] | components["schemas"]["UriAction"] | components["schemas"]["DatetimePickerAction"] | components["schemas"]["CameraAction"] | components["schemas"]["CameraRollAction"] | components["schemas"]["LocationAction"] | components["schemas"]["ClipboardAction"])[];
        };
        /** Carousel */
        CarouselTemplate: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "carousel";
            /** Columns */
            columns: components["schemas"]["CarouselColumn"][];
            /** Imageaspectratio */
            imageAspectRatio?: ("rectangle" | "square") | null;
            /** Imagesize */
            imageSize?: ("cover" | "contain") | null;
        };
        /** Catalog */
        Catalog: {
            /** Node Types */
            node_types: components["schemas"]["NodeType"][];
            /** Unavailable */
            unavailable: components["schemas"]["UnavailableNodeType"][];
        };
        /** ChangedNode */
        ChangedNode: {
            /** Id */
            id: string;
            /** Type */
            type: string | null;
            /** Fields */
            fields: string[];
            /** Before */
            before: {
                [key: string]: unknown;
            };
            /** After */
            after: {
                [key: string]: unknown;
            };
            /** Type Changed */
            type_changed: boolean;
            /** Moved */
            moved: boolean;
        };
        /** Check */
        Check: {
            /** Ok */
            ok: boolean;
            /** Ms */
            ms?: number | null;
            /** Error */
            error?: string | null;
        };
        /** Copy to clipboard */
        ClipboardAction: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "clipboard";
            /**
             * Label
             * @description Button label (LINE shows up to 20 characters).
             */
            label: string;
            /** Clipboardtext */
            clipboardText: string;
        };
        /** CommerceStored */
        CommerceStored: {
            /** Stored */
            stored: boolean;
        };
        /** Confirm */
        ConfirmTemplate: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "confirm";
            /** Text */
            text: string;
            /**
             * Actions
             * @description Exactly two buttons (e.g. Yes / No).
             */
            actions: (components["schemas"]["PostbackAction"] | components["schemas"]["MessageAction"] | components["schemas"]["UriAction"] | components["schemas"]["DatetimePickerAction"] | components["schemas"]["CameraAction"] | components["schemas"]["CameraRollAction"] | components["schemas"]["LocationAction"] | components["schemas"]["ClipboardAction"])[];
        };
        /** Conversation */
        Conversation: {
            /** Id */
            id: string;
            /** Status */
            status: string;
            /** Created At */
            created_at: string | null;
            /** Transcript */
            transcript: components["schemas"]["TranscriptEntry"][];
            draft: components["schemas"]["Draft"] | null;
            /** Clarification */
            clarification: unknown;
            /** Workflow Id */
            workflow_id: number | null;
            /** Usage */
            usage: {
                [key: string]: unknown;
            };
        };
        /** ConversationCreated */
        ConversationCreated: {
            /** Id */
            id: string;
            /** Status */
            status: string;
        };
        /** Coupon */
        CouponMessage: {
            quickReply?: components["schemas"]["QuickReply"] | null;
            sender?: components["schemas"]["Sender"] | null;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "coupon";
            /**
             * Couponid
             * @description A coupon made in LINE Official Account Manager.
             */
            couponId: string;
            /** Deliverytag */
            deliveryTag?: string | null;
        };
        /** Date picker */
        DatetimePickerAction: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "datetimepicker";
            /** Label */
            label?: string | null;
            /** Data */
            data: string;
            /**
             * Mode
             * @default date
             * @enum {string}
             */
            mode: "date" | "time" | "datetime";
            /** Initial */
            initial?: string | null;
            /** Max */
            max?: string | null;
            /** Min */
            min?: string | null;
        };
        /** DeadLetter */
        DeadLetter: {
            /** Id */
            id: number;
            /** Account Id */
            account_id: number | null;
            /** Source */
            source: string;
            /** Event Type */
            event_type: string | null;
            /** Event Key */
            event_key: string | null;
            /** Line User Id */
            line_user_id: string | null;
            /** Status */
            status: string;
            /** Attempts */
            attempts: number;
            /** Error */
            error: string | null;
            /**
             * Received At
             * Format: date-time
             */
            received_at: string;
            /** Dead At */
            dead_at: string | null;
        };
        /** DeadLetterDetail */
        DeadLetterDetail: {
            /** Id */
            id: number;
            /** Account Id */
            account_id: number | null;
            /** Source */
            source: string;
            /** Event Type */
            event_type: string | null;
            /** Event Key */
            event_key: string | null;
            /** Line User Id */
            line_user_id: string | null;
            /** Status */
            status: string;
            /** Attempts */
            attempts: number;
            /** Error */
            error: string | null;
            /**
             * Received At
             * Format: date-time
             */
            received_at: string;
            /** Dead At */
            dead_at: string | null;
            /** Payload */
            payload: unknown;
        };
        /** Draft */
        Draft: {
            /** Name */
            name: string;
            /** Summary */
            summary: string;
            /** Definition */
            definition: {
                [key: string]: unknown;
            } | components["schemas"]["WorkflowDefinition"];
            validation: components["schemas"]["Validation"];
            /**
             * New Tags
             * @default []
             */
            new_tags: unknown[];
        } & {
            [key: string]: unknown;
        };
        /** DraftIn */
        DraftIn: {
            /** Definition */
            definition?: unknown;
        };
        /** DuplicateIn */
        DuplicateIn: {
            /** Name */
            name?: string | null;
        };
        /** Edge */
        Edge: {
            /** Id */
            id: string | null;
            /** Source */
            source: string;
            /**
             * Source Handle
             * @default out
             */
            source_handle: string;
            /** Target */
            target: string;
        };
        /** EdgeChanges */
        EdgeChanges: {
            /** Added */
            added: components["schemas"]["Edge"][];
            /** Removed */
            removed: components["schemas"]["Edge"][];
        };
        /** LINE emoji */
        Emoji: {
            /**
             * Index
             * @description UTF-16 position of the `$` it replaces in the text.
             */
            index: number;
            /** Productid */
            productId: string;
            /** Emojiid */
            emojiId: string;
        };
        /** ExecutionPage */
        ExecutionPage: {
            /** Items */
            items: components["schemas"]["RunSummary"][];
            /** Total */
            total: number;
            /** Limit */
            limit: number;
            /** Offset */
            offset: number;
            stats: components["schemas"]["RunStats"];
            /** Node Counts */
            node_counts: {
                [key: string]: {
                    [key: string]: number;
                };
            };
        };
        /** FaqEntry */
        FaqEntry: {
            /** Id */
            id: number;
            /** Question */
            question: string;
            /** Answer */
            answer: string;
            /** Account Id */
            account_id: number | null;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Updated At */
            updated_at: string | null;
        };
        /** FaqIn */
        FaqIn: {
            /** Question */
            question: string;
            /** Answer */
            answer: string;
            /**
             * Account Id
             * @description Only for this LINE account (all when empty).
             */
            account_id?: number | null;
        };
        /** FaqPreview */
        FaqPreview: {
            /** Text */
            text: string;
            /** Known */
            known: boolean;
            /** Sources */
            sources: number[];
            /** Provider */
            provider: string;
        };
        /** Flex Message */
        FlexMessage: {
            quickReply?: components["schemas"]["QuickReply"] | null;
            sender?: components["schemas"]["Sender"] | null;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "flex";
            /**
             * Alttext
             * @description Shown in notifications and the chat list.
             */
            altText: string;
            /**
             * Contents
             * Format: flex
             * @description A Flex container (bubble or carousel), as LINE's Flex Message Simulator exports it.
             */
            contents: {
                [key: string]: unknown;
            };
        };
        /** Friend */
        Friend: {
            /** Id */
            id: number;
            /** Account Id */
            account_id: number;
            /** Line User Id */
            line_user_id: string;
            /** Display Name */
            display_name: string | null;
            /** Picture Url */
            picture_url: string | null;
            /** Status */
            status: string;
            /** Tags */
            tags: components["schemas"]["TagRef"][];
            /** Followed At */
            followed_at: string | null;
            /** Last Seen At */
            last_seen_at: string | null;
        };
        /** FriendDetail */
        FriendDetail: {
            /** Id */
            id: number;
            /** Account Id */
            account_id: number;
            /** Line User Id */
            line_user_id: string;
            /** Display Name */
            display_name: string | null;
            /** Picture Url */
            picture_url: string | null;
            /** Status */
            status: string;
            /** Tags */
            tags: components["schemas"]["TagRef"][];
            /** Followed At */
            followed_at: string | null;
            /** Last Seen At */
            last_seen_at: string | null;
            /** Attributes */
            attributes: {
                [key: string]: unknown;
            };
            /** Language */
            language: string | null;
            /** Blocked At */
            blocked_at: string | null;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
        };
        /** HTTPValidationError */
        HTTPValidationError: {
            /** Detail */
            detail?: components["schemas"]["ValidationError"][];
        };
        /** Handle */
        Handle: {
            /** Id */
            id: string;
            /** Label */
            label: string;
            /** Label Ja */
            label_ja: string;
        };
        /** Image column */
        ImageCarouselColumn: {
            /**
             * Imageurl
             * @description HTTPS URL (LINE refuses http).
             */
            imageUrl: string;
            /** Action */
            action: components["schemas"]["PostbackAction"] | components["schemas"]["MessageAction"] | components["schemas"]["UriAction"] | components["schemas"]["DatetimePickerAction"] | components["schemas"]["CameraAction"] | components["schemas"]["CameraRollAction"] | components["schemas"]["LocationAction"] | components["schemas"]["ClipboardAction"];
        };
        /** Image carousel */
        ImageCarouselTemplate: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "image_carousel";
            /** Columns */
            columns: components["schemas"]["ImageCarouselColumn"][];
        };
        /** Image */
        ImageMessage: {
            quickReply?: components["schemas"]["QuickReply"] | null;
            sender?: components["schemas"]["Sender"] | null;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "image";
            /**
             * Originalcontenturl
             * @description HTTPS URL of the image (JPEG/PNG, ≤10 MB).
             */
            originalContentUrl: string;
            /**
             * Previewimageurl
             * @description HTTPS URL of the preview (≤1 MB).
             */
            previewImageUrl: string;
        };
        /** ImagemapArea */
        ImagemapArea: {
            /** X */
            x: number;
            /** Y */
            y: number;
            /** Width */
            width: number;
            /** Height */
            height: number;
        };
        /** ImagemapBaseSize */
        ImagemapBaseSize: {
            /**
             * Width
             * @default 1040
             * @constant
             */
            width: 1040;
            /** Height */
            height: number;
        };
        /** ImagemapExternalLink */
        ImagemapExternalLink: {
            /** Linkuri */
            linkUri: string;
            /** Label */
            label: string;
        };
        /** Imagemap */
        ImagemapMessage: {
            quickReply?: components["schemas"]["QuickReply"] | null;
            sender?: components["schemas"]["Sender"] | null;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "imagemap";
            /**
             * Baseurl
             * @description Base URL of the image; LINE appends /1040, /700, /460, /300, /240 for each width.
             */
            baseUrl: string;
            /**
             * Alttext
             * @description Shown in notifications and the chat list.
             */
            altText: string;
            baseSize: components["schemas"]["ImagemapBaseSize"];
            /** Actions */
            actions: (components["schemas"]["ImagemapUriAction"] | components["schemas"]["ImagemapMessageAction"])[];
            video?: components["schemas"]["ImagemapVideo"] | null;
        };
        /** Send message */
        ImagemapMessageAction: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "message";
            /** Label */
            label?: string | null;
            /** Text */
            text: string;
            area: components["schemas"]["ImagemapArea"];
        };
        /** Open link */
        ImagemapUriAction: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "uri";
            /** Label */
            label?: string | null;
            /** Linkuri */
            linkUri: string;
            area: components["schemas"]["ImagemapArea"];
        };
        /** ImagemapVideo */
        ImagemapVideo: {
            /**
             * Originalcontenturl
             * @description HTTPS URL (LINE refuses http).
             */
            originalContentUrl: string;
            /**
             * Previewimageurl
             * @description HTTPS URL (LINE refuses http).
             */
            previewImageUrl: string;
            area: components["schemas"]["ImagemapArea"];
            externalLink?: components["schemas"]["ImagemapExternalLink"] | null;
        };
        /** ImportReport */
        ImportReport: {
            /** Linked */
            linked: components["schemas"]["Relinked"][];
            /** Missing */
            missing: components["schemas"]["Unlinked"][];
            /** Complete */
            complete: boolean;
        };
        /** Integration */
        Integration: {
            /** Id */
            id: number;
            /** Kind */
            kind: string;
            /** Name */
            name: string;
            /** Connected */
            connected: boolean;
            /** Settings */
            settings: {
                [key: string]: unknown;
            };
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
        };
        /** IntegrationIn */
        IntegrationIn: {
            /**
             * Kind
             * @enum {string}
             */
            kind: "hubspot" | "klaviyo";
            /**
             * Api Key
             * Format: password
             */
            api_key: string;
            /** Settings */
            settings?: {
                [key: string]: unknown;
            };
        };
        /** IntegrationList */
        IntegrationList: {
            /** Items */
            items: components["schemas"]["Integration"][];
            /** Total */
            total: number;
            /** Available */
            available: components["schemas"]["AvailableIntegration"][];
        };
        /** Issue */
        Issue: {
            /** Code */
            code: string;
            /** Message */
            message: string;
            /** Node Id */
            node_id: string | null;
            /** Field */
            field: string | null;
            /**
             * Severity
             * @default error
             * @enum {string}
             */
            severity: "error" | "warning";
            /**
             * Text
             * @default
             */
            text: string;
            /**
             * Text Ja
             * @default
             */
            text_ja: string;
        };
        /** ItemList[Account] */
        ItemList_Account_: {
            /** Items */
            items: components["schemas"]["Account"][];
            /** Total */
            total: number;
        };
        /** ItemList[ApiToken] */
        ItemList_ApiToken_: {
            /** Items */
            items: components["schemas"]["ApiToken"][];
            /** Total */
            total: number;
        };
        /** ItemList[AutoMessage] */
        ItemList_AutoMessage_: {
            /** Items */
            items: components["schemas"]["AutoMessage"][];
            /** Total */
            total: number;
        };
        /** ItemList[QrCode] */
        ItemList_QrCode_: {
            /** Items */
            items: components["schemas"]["QrCode"][];
            /** Total */
            total: number;
        };
        /** ItemList[RevisionSummary] */
        ItemList_RevisionSummary_: {
            /** Items */
            items: components["schemas"]["RevisionSummary"][];
            /** Total */
            total: number;
        };
        /** ItemList[RichMenu] */
        ItemList_RichMenu_: {
            /** Items */
            items: components["schemas"]["RichMenu"][];
            /** Total */
            total: number;
        };
        /** ItemList[SentMessage] */
        ItemList_SentMessage_: {
            /** Items */
            items: components["schemas"]["SentMessage"][];
            /** Total */
            total: number;
        };
        /** ItemList[Tag] */
        ItemList_Tag_: {
            /** Items */
            items: components["schemas"]["Tag"][];
            /** Total */
            total: number;
        };
        /** ItemList[str] */
        ItemList_str_: {
            /** Items */
            items: string[];
            /** Total */
            total: number;
        };
        /** KeyCheck */
        KeyCheck: {
            /** Ok */
            ok: boolean;
            /** Kind */
            kind: string;
            /** Message */
            message: string;
        };
        /** Location */
        LocationAction: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "location";
            /**
             * Label
             * @description Button label (LINE shows up to 20 characters).
             */
            label: string;
        };
        /** Location */
        LocationMessage: {
            quickReply?: components["schemas"]["QuickReply"] | null;
            sender?: components["schemas"]["Sender"] | null;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "location";
            /** Title */
            title: string;
            /** Address */
            address: string;
            /** Latitude */
            latitude: number;
            /** Longitude */
            longitude: number;
        };
        /** Login */
        Login: {
            /** Token */
            token: string;
            user: components["schemas"]["Me"];
        };
        /** LoginIn */
        LoginIn: {
            /** Email */
            email: string;
            /** Password */
            password: string;
        };
        /** Me */
        Me: {
            /** Id */
            id: number;
            /** Email */
            email: string;
            /**
             * Role
             * @enum {string}
             */
            role: "admin" | "editor" | "viewer";
            organisation: components["schemas"]["OrganisationRef"];
        };
        /** Message */
        MessageAction: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "message";
            /** Label */
            label?: string | null;
            /**
             * Text
             * @description Text the friend sends by tapping.
             */
            text: string;
        };
        /** MessageIn */
        MessageIn: {
            /** Text */
            text: string;
        };
        /** Node */
        Node: {
            /** Id */
            id: string;
            /** Type */
            type: string;
            /** Config */
            config: {
                [key: string]: unknown;
            };
            position: components["schemas"]["Position"];
        };
        /** NodeChanges */
        NodeChanges: {
            /** Added */
            added: components["schemas"]["NodeRef"][];
            /** Removed */
            removed: components["schemas"]["NodeRef"][];
            /** Changed */
            changed: components["schemas"]["ChangedNode"][];
        };
        /** NodeRef */
        NodeRef: {
            /** Id */
            id: string;
            /** Type */
            type: string | null;
        };
        /** NodeType */
        NodeType: {
            /** Type */
            type: string;
            /**
             * Category
             * @enum {string}
             */
            category: "start" | "trigger" | "action";
            /** Label */
            label: string;
            /** Label Ja */
            label_ja: string;
            /** Description */
            description: string;
            /** Inputs */
            inputs: string[];
            /** Outputs */
            outputs: components["schemas"]["Handle"][];
            /** Dynamic Outputs */
            dynamic_outputs: boolean;
            output_pattern: components["schemas"]["OutputPattern"] | null;
            /** Integration */
            integration: string | null;
            /** Schema */
            schema: {
                [key: string]: unknown;
            };
        };
        /** Ok */
        Ok: {
            /** Ok */
            ok: boolean;
        };
        /** OrganisationRef */
        OrganisationRef: {
            /** Id */
            id: number;
            /** Name */
            name: string;
        };
        /** OutputPattern */
        OutputPattern: {
            /** List Field */
            list_field: string;
            /** Prefix */
            prefix: string;
            /** Label Field */
            label_field: string;
            /** Label */
            label: string;
            /** Label Ja */
            label_ja: string;
            trailing: components["schemas"]["Handle"] | null;
        };
        /** Page[AgentSessionWithMessages] */
        Page_AgentSessionWithMessages_: {
            /** Items */
            items: components["schemas"]["AgentSessionWithMessages"][];
            /** Total */
            total: number;
            /** Limit */
            limit: number;
            /** Offset */
            offset: number;
        };
        /** Page[AgentSession] */
        Page_AgentSession_: {
            /** Items */
            items: components["schemas"]["AgentSession"][];
            /** Total */
            total: number;
            /** Limit */
            limit: number;
            /** Offset */
            offset: number;
        };
        /** Page[AuditEvent] */
        Page_AuditEvent_: {
            /** Items */
            items: components["schemas"]["AuditEvent"][];
            /** Total */
            total: number;
            /** Limit */
            limit: number;
            /** Offset */
            offset: number;
        };
        /** Page[DeadLetter] */
        Page_DeadLetter_: {
            /** Items */
            items: components["schemas"]["DeadLetter"][];
            /** Total */
            total: number;
            /** Limit */
            limit: number;
            /** Offset */
            offset: number;
        };
        /** Page[FaqEntry] */
        Page_FaqEntry_: {
            /** Items */
            items: components["schemas"]["FaqEntry"][];
            /** Total */
            total: number;
            /** Limit */
            limit: number;
            /** Offset */
            offset: number;
        };
        /** Page[Friend] */
        Page_Friend_: {
            /** Items */
            items: components["schemas"]["Friend"][];
            /** Total */
            total: number;
            /** Limit */
            limit: number;
            /** Offset */
            offset: number;
        };
        /** Page[WorkflowSummary] */
        Page_WorkflowSummary_: {
            /** Items */
            items: components["schemas"]["WorkflowSummary"][];
            /** Total */
            total: number;
            /** Limit */
            limit: number;
            /** Offset */
            offset: number;
        };
        /** Position */
        Position: {
            /**
             * X
             * @default 0
             */
            x: number;
            /**
             * Y
             * @default 0
             */
            y: number;
        };
        /** Postback */
        PostbackAction: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "postback";
            /** Label */
            label?: string | null;
            /**
             * Data
             * @description Sent back to Lumo in a postback event; a Postback trigger can match it.
             */
            data: string;
            /** Displaytext */
            displayText?: string | null;
            /** Inputoption */
            inputOption?: ("closeRichMenu" | "openRichMenu" | "openKeyboard" | "openVoice") | null;
            /** Fillintext */
            fillInText?: string | null;
        };
        /** PreviewIn */
        PreviewIn: {
            /** Text */
            text: string;
            /** Account Id */
            account_id: number;
        };
        /** QrCode */
        QrCode: {
            /** Id */
            id: number;
            /** Name */
            name: string;
            /** Account Id */
            account_id: number;
            /** Code */
            code: string;
            /** Prefill Text */
            prefill_text: string;
            /** Scan Count */
            scan_count: number;
            /** Url */
            url: string;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
        };
        /** QrCodeIn */
        QrCodeIn: {
            /** Name */
            name: string;
            /** Account Id */
            account_id: number;
            /**
             * Prefill Text
             * @description Text the chat opens with; a unique one is made when empty.
             */
            prefill_text?: string | null;
        };
        /** Quick replies */
        QuickReply: {
            /** Items */
            items: components["schemas"]["QuickReplyItem"][];
        };
        /** Quick reply button */
        QuickReplyItem: {
            /**
             * Type
             * @default action
             * @constant
             */
            type: "action";
            /** Imageurl */
            imageUrl?: string | null;
            /** Action */
            action: components["schemas"]["PostbackAction"] | components["schemas"]["MessageAction"] | components["schemas"]["UriAction"] | components["schemas"]["DatetimePickerAction"] | components["schemas"]["CameraAction"] | components["schemas"]["CameraRollAction"] | components["schemas"]["LocationAction"] | components["schemas"]["ClipboardAction"];
        };
        /** Readiness */
        Readiness: {
            /** Status */
            status: string;
            /** Checks */
            checks: {
                [key: string]: components["schemas"]["Check"];
            };
        };
        /**
         * Reference
         * @description A resource a definition points at, by name, so an import can re-link it.
         */
        Reference: {
            /** Node Id */
            node_id: string;
            /** Path */
            path: string;
            /** Kind */
            kind: string;
            /** Name */
            name: string | null;
        };
        /**
         * Relinked
         * @description A reference an import re-linked (`id`: this organisation's resource of that name).
         */
        Relinked: {
            /** Node Id */
            node_id: string;
            /** Field */
            field: string;
            /** Kind */
            kind: string;
            /** Name */
            name: string | null;
            /** Id */
            id: number;
        };
        /** Revision */
        Revision: {
            /** Workflow Id */
            workflow_id: number;
            /** Number */
            number: number;
            definition: components["schemas"]["WorkflowDefinition"];
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Note */
            note: string;
        };
        /** RevisionDiff */
        RevisionDiff: {
            /** From */
            from: number;
            /** To */
            to: number;
            nodes: components["schemas"]["NodeChanges"];
            edges: components["schemas"]["EdgeChanges"];
        };
        /** RevisionSummary */
        RevisionSummary: {
            /** Number */
            number: number;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Created By */
            created_by: string | null;
            /** Note */
            note: string;
            /** Nodes */
            nodes: number;
            /** Published */
            published: boolean;
            /** Latest */
            latest: boolean;
        };
        /** RichMenu */
        RichMenu: {
            /** Id */
            id: number;
            /** Name */
            name: string;
            /** Line Rich Menu Id */
            line_rich_menu_id: string;
            /** Account Id */
            account_id: number | null;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
        };
        /** Tap area */
        RichMenuArea: {
            bounds: components["schemas"]["Bounds"];
            /** Action */
            action: components["schemas"]["PostbackAction"] | components["schemas"]["MessageAction"] | components["schemas"]["UriAction"] | components["schemas"]["DatetimePickerAction"] | components["schemas"]["RichMenuSwitchAction"] | components["schemas"]["ClipboardAction"];
        };
        /**
         * RichMenuCreated
         * @description Present only for a menu made in Lumo (absent for one referenced by LINE's id).
         */
        RichMenuCreated: {
            /** Id */
            id: number;
            /** Name */
            name: string;
            /** Line Rich Menu Id */
            line_rich_menu_id: string;
            /** Account Id */
            account_id: number | null;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Alias Id */
            alias_id?: string | null;
            /** Default */
            default?: boolean | null;
            /** Menu */
            menu?: {
                [key: string]: unknown;
            } | null;
        };
        /** RichMenuIn */
        RichMenuIn: {
            /** Name */
            name: string;
            /**
             * Line Rich Menu Id
             * @description The id LINE gave a rich menu made elsewhere (or give `menu`).
             */
            line_rich_menu_id?: string | null;
            /** Account Id */
            account_id?: number | null;
            /** @description A rich menu to make at LINE: size, chat bar text, areas. */
            menu?: components["schemas"]["RichMenuObject"] | null;
            /**
             * Image Base64
             * @description The menu image (PNG or JPEG, ≤1 MB).
             */
            image_base64?: string | null;
            /**
             * Alias Id
             * @description Alias, for richmenuswitch actions and nodes.
             */
            alias_id?: string | null;
            /**
             * Set Default
             * @description Show it to every friend.
             * @default false
             */
            set_default: boolean;
        };
        /** Rich menu */
        RichMenuObject: {
            /**
             * @description Image size in pixels; LINE's templates use the sizes listed in examples.
             * @example {
             *       "height": 1686,
             *       "width": 2500
             *     }
             * @example {
             *       "height": 843,
             *       "width": 2500
             *     }
             * @example {
             *       "height": 810,
             *       "width": 1200
             *     }
             * @example {
             *       "height": 405,
             *       "width": 1200
             *     }
             * @example {
             *       "height": 540,
             *       "width": 800
             *     }
             * @example {
             *       "height": 270,
             *       "width": 800
             *     }
             */
            size?: components["schemas"]["RichMenuSize"];
            /**
             * Selected
             * @description Open the menu when the chat opens.
             * @default false
             */
            selected: boolean;
            /** Name */
            name: string;
            /**
             * Chatbartext
             * @description Text of the chat bar that opens the menu.
             */
            chatBarText: string;
            /** Areas */
            areas?: components["schemas"]["RichMenuArea"][];
        };
        /** RichMenuSize */
        RichMenuSize: {
            /**
             * Width
             * @default 2500
             */
            width: number;
            /**
             * Height
             * @default 1686
             */
            height: number;
        };
        /** Switch rich menu */
        RichMenuSwitchAction: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "richmenuswitch";
            /** Label */
            label?: string | null;
            /** Richmenualiasid */
            richMenuAliasId: string;
            /** Data */
            data: string;
        };
        /** RunDetail */
        RunDetail: {
            /** Id */
            id: string;
            /** Workflow Id */
            workflow_id: number;
            /** Revision */
            revision: number;
            /**
             * Status
             * @enum {string}
             */
            status: "queued" | "running" | "waiting" | "completed" | "failed" | "cancelled" | "skipped";
            friend: components["schemas"]["RunFriend"] | null;
            /** Trigger Node Id */
            trigger_node_id: string;
            /** Current Node Id */
            current_node_id: string | null;
            /** Error */
            error: string | null;
            /** Skip Reason */
            skip_reason: string | null;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Started At */
            started_at: string | null;
            /** Finished At */
            finished_at: string | null;
            /** Steps */
            steps: components["schemas"]["Step"][];
        };
        /** RunFriend */
        RunFriend: {
            /** Id */
            id: number;
            /** Display Name */
            display_name: string | null;
        };
        /** RunStats */
        RunStats: {
            /** Total */
            total: number;
            /** Skipped */
            skipped: number;
            /** Succeeded */
            succeeded: number;
            /** Failed */
            failed: number;
            /** Waiting */
            waiting: number;
            /** Running */
            running: number;
            /** Cancelled */
            cancelled: number;
        };
        /** RunSummary */
        RunSummary: {
            /** Id */
            id: string;
            /** Workflow Id */
            workflow_id: number;
            /** Revision */
            revision: number;
            /**
             * Status
             * @enum {string}
             */
            status: "queued" | "running" | "waiting" | "completed" | "failed" | "cancelled" | "skipped";
            friend: components["schemas"]["RunFriend"] | null;
            /** Trigger Node Id */
            trigger_node_id: string;
            /** Current Node Id */
            current_node_id: string | null;
            /** Error */
            error: string | null;
            /** Skip Reason */
            skip_reason: string | null;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Started At */
            started_at: string | null;
            /** Finished At */
            finished_at: string | null;
            steps: components["schemas"]["StepCounts"];
        };
        /** Sender */
        Sender: {
            /** Name */
            name?: string | null;
            /** Iconurl */
            iconUrl?: string | null;
        };
        /** SentMessage */
        SentMessage: {
            /** Kind */
            kind: string | null;
            /** To */
            to: string | null;
            /** Messages */
            messages: {
                [key: string]: unknown;
            }[];
            /** At */
            at: number | null;
        };
        /** Status */
        Status: {
            /** Status */
            status: string;
        };
        /** Step */
        Step: {
            /** Id */
            id: number;
            /** Node Id */
            node_id: string;
            /** Node Type */
            node_type: string;
            /** Visit */
            visit: number;
            /** Status */
            status: string;
            /** Attempt */
            attempt: number;
            /** Output Handle */
            output_handle: string | null;
            /** Output */
            output: unknown;
            /** Error */
            error: string | null;
            /**
             * Started At
             * Format: date-time
             */
            started_at: string;
            /** Finished At */
            finished_at: string | null;
            /**
             * Waited Seconds
             * @description Time spent waiting (so far, while waiting); null if it never waited.
             */
            waited_seconds: number | null;
            /**
             * Ran Seconds
             * @description Time spent running, waits excluded; null while running.
             */
            ran_seconds: number | null;
        };
        /** StepCounts */
        StepCounts: {
            /** Completed */
            completed: number;
            /** Failed */
            failed: number;
        };
        /** Sticker */
        StickerMessage: {
            quickReply?: components["schemas"]["QuickReply"] | null;
            sender?: components["schemas"]["Sender"] | null;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "sticker";
            /**
             * Packageid
             * @description Sticker package id (see LINE's sticker list).
             */
            packageId: string;
            /** Stickerid */
            stickerId: string;
        };
        /** Tag */
        Tag: {
            /** Id */
            id: number;
            /** Name */
            name: string;
            /** Description */
            description: string;
            /** Friend Count */
            friend_count: number;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
        };
        /** TagIn */
        TagIn: {
            /** Name */
            name: string;
            /**
             * Description
             * @default
             */
            description: string;
        };
        /** TagRef */
        TagRef: {
            /** Id */
            id: number;
            /** Name */
            name: string;
        };
        /** Template */
        Template: {
            /** Id */
            id: string;
            /** Name */
            name: string;
            /** Name Ja */
            name_ja: string;
            /** Description */
            description: string;
            definition: components["schemas"]["WorkflowDefinition"];
        };
        /** Template (buttons, confirm, carousel) */
        TemplateMessage: {
            quickReply?: components["schemas"]["QuickReply"] | null;
            sender?: components["schemas"]["Sender"] | null;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "template";
            /**
             * Alttext
             * @description Shown in notifications and on devices that cannot show templates.
             */
            altText: string;
            /** Template */
            template: components["schemas"]["ButtonsTemplate"] | components["schemas"]["ConfirmTemplate"] | components["schemas"]["CarouselTemplate"] | components["schemas"]["ImageCarouselTemplate"];
        };
        /** Text */
        TextMessage: {
            quickReply?: components["schemas"]["QuickReply"] | null;
            sender?: components["schemas"]["Sender"] | null;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "text";
            /**
             * Text
             * @description Message text. Placeholders: {{friend.display_name}}, {{friend.<attribute>}}. `$` marks a LINE emoji.
             */
            text: string;
            /** Emojis */
            emojis?: components["schemas"]["Emoji"][] | null;
            /** Quotetoken */
            quoteToken?: string | null;
        };
        /** Timeline */
        Timeline: {
            /** Bucket */
            bucket: string;
            /** Tz */
            tz: string;
            /** Periods */
            periods: number;
            /** Buckets */
            buckets: components["schemas"]["TimelineBucket"][];
        };
        /** TimelineBucket */
        TimelineBucket: {
            /** Start */
            start: string;
            /** Total */
            total: number;
            /** Succeeded */
            succeeded: number;
            /** Failed */
            failed: number;
            /** Waiting */
            waiting: number;
            /** Running */
            running: number;
            /** Cancelled */
            cancelled: number;
            /** Skipped */
            skipped: number;
        };
        /** TokenIn */
        TokenIn: {
            /** Name */
            name: string;
        };
        /** TokenUser */
        TokenUser: {
            /** Id */
            id: number;
            /** Email */
            email: string;
        };
        /** TranscriptEntry */
        TranscriptEntry: {
            /** Role */
            role: string;
            /** Text */
            text: string;
            /** At */
            at?: string | null;
            /** Kind */
            kind?: string | null;
        } & {
            [key: string]: unknown;
        };
        /**
         * TranscriptMessage
         * @description One message; the optional keys are present only when the agent recorded them.
         */
        TranscriptMessage: {
            /** Id */
            id: number;
            /** Role */
            role: string;
            /** Text */
            text: string;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Known */
            known?: boolean | null;
            /** Sources */
            sources?: unknown[] | null;
            /** Delivery */
            delivery?: unknown;
            /** Provider */
            provider?: string | null;
            /** Error */
            error?: unknown;
            /** Handoff */
            handoff?: unknown;
            /** Greeting */
            greeting?: unknown;
        };
        /** TryItIn */
        TryItIn: {
            /**
             * User Id
             * @description The simulated friend; a new one when absent.
             */
            user_id?: string | null;
            /** Display Name */
            display_name?: string | null;
            /**
             * Text
             * @default
             */
            text: string;
            /**
             * Data
             * @default
             */
            data: string;
            /**
             * Tracking Id
             * @default
             */
            tracking_id: string;
        };
        /** TryItResult */
        TryItResult: {
            /** User Id */
            user_id: string;
            /** Action */
            action: string;
            /** Webhook Status */
            webhook_status: number | null;
            /** Error */
            error: unknown;
            /** Event */
            event: {
                [key: string]: unknown;
            } | null;
        };
        /**
         * Turn
         * @description The agent's answer to a message (or to discard).
         */
        Turn: {
            /** Reply */
            reply: string;
            draft: components["schemas"]["Draft"] | null;
            /** Clarification */
            clarification: unknown;
            /** Changes */
            changes: unknown[];
            /** Status */
            status: string;
            /** Workflow Id */
            workflow_id: number | null;
        };
        /** UnavailableNodeType */
        UnavailableNodeType: {
            /** Type */
            type: string;
            /**
             * Category
             * @enum {string}
             */
            category: "start" | "trigger" | "action";
            /** Label */
            label: string;
            /** Label Ja */
            label_ja: string;
            /** Description */
            description: string;
            /** Inputs */
            inputs: string[];
            /** Outputs */
            outputs: components["schemas"]["Handle"][];
            /** Dynamic Outputs */
            dynamic_outputs: boolean;
            output_pattern: components["schemas"]["OutputPattern"] | null;
            /** Integration */
            integration: string | null;
            /** Schema */
            schema: {
                [key: string]: unknown;
            };
            /** Unavailable Reason */
            unavailable_reason: string;
        };
        /**
         * Unlinked
         * @description A reference an import could not re-link: the step needs one chosen.
         */
        Unlinked: {
            /** Node Id */
            node_id: string;
            /** Field */
            field: string;
            /** Kind */
            kind: string;
            /** Name */
            name: string | null;
            /** Message */
            message: string;
        };
        /** Open link */
        UriAction: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "uri";
            /** Label */
            label?: string | null;
            /**
             * Uri
             * @description http(s)://, line:// or tel: URI.
             */
            uri: string;
            altUri?: components["schemas"]["AltUri"] | null;
        };
        /**
         * Validation
         * @description `validate()`'s report: errors block activation, warnings inform.
         */
        Validation: {
            /** Valid */
            valid: boolean;
            /** Errors */
            errors: components["schemas"]["Issue"][];
            /** Warnings */
            warnings: components["schemas"]["Issue"][];
        };
        /** ValidationError */
        ValidationError: {
            /** Location */
            loc: (string | number)[];
            /** Message */
            msg: string;
            /** Error Type */
            type: string;
            /** Input */
            input?: unknown;
            /** Context */
            ctx?: Record<string, never>;
        };
        /** Video */
        VideoMessage: {
            quickReply?: components["schemas"]["QuickReply"] | null;
            sender?: components["schemas"]["Sender"] | null;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "video";
            /**
             * Originalcontenturl
             * @description HTTPS URL of the MP4 (≤200 MB).
             */
            originalContentUrl: string;
            /**
             * Previewimageurl
             * @description HTTPS URL of the preview image.
             */
            previewImageUrl: string;
            /**
             * Trackingid
             * @description Set it so LINE reports when the friend watched to the end (a Video watched trigger matches it).
             */
            trackingId?: string | null;
        };
        /** Workflow */
        Workflow: {
            /** Id */
            id: number;
            /** Name */
            name: string;
            /** Description */
            description: string;
            /**
             * Status
             * @description draft, active or inactive (paused)
             * @enum {string}
             */
            status: "draft" | "active" | "inactive";
            /**
             * Reentry
             * @enum {string}
             */
            reentry: "once" | "not_concurrent" | "always";
            /**
             * Revision
             * @description The latest saved revision (send it in If-Match).
             */
            revision: number;
            /** Published Revision */
            published_revision: number | null;
            /** Has Unpublished Changes */
            has_unpublished_changes: boolean;
            /** Run Count */
            run_count: number;
            /** Last Run At */
            last_run_at: string | null;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /**
             * Updated At
             * Format: date-time
             */
            updated_at: string;
            /** Activated At */
            activated_at: string | null;
            definition: components["schemas"]["WorkflowDefinition"];
            validation: components["schemas"]["Validation"];
        };
        /** WorkflowCreate */
        WorkflowCreate: {
            /** Name */
            name: string;
            /**
             * Description
             * @default
             */
            description: string;
            /** Template */
            template?: string | null;
            /**
             * Reentry
             * @description May a friend start this workflow again: once (once per friend), not_concurrent (not while in a run), always (every time).
             * @default not_concurrent
             * @enum {string}
             */
            reentry: "once" | "not_concurrent" | "always";
        };
        /** WorkflowDefinition */
        WorkflowDefinition: {
            /** Nodes */
            nodes: components["schemas"]["Node"][];
            /** Edges */
            edges: components["schemas"]["Edge"][];
        };
        /** WorkflowExport */
        WorkflowExport: {
            /** Format */
            format: string;
            /** Version */
            version: number;
            /** Name */
            name: string;
            /** Description */
            description: string;
            /**
             * Reentry
             * @enum {string}
             */
            reentry: "once" | "not_concurrent" | "always";
            definition: components["schemas"]["WorkflowDefinition"];
            /** References */
            references: components["schemas"]["Reference"][];
        };
        /** WorkflowImported */
        WorkflowImported: {
            workflow: components["schemas"]["Workflow"];
            report: components["schemas"]["ImportReport"];
        };
        /** WorkflowSave */
        WorkflowSave: {
            /** Name */
            name?: string | null;
            /** Description */
            description?: string | null;
            /** Definition */
            definition?: {
                [key: string]: unknown;
            } | null;
            /**
             * Reentry
             * @description May a friend start this workflow again: once (once per friend), not_concurrent (not while in a run), always (every time).
             */
            reentry?: ("once" | "not_concurrent" | "always") | null;
        };
        /** WorkflowSummary */
        WorkflowSummary: {
            /** Id */
            id: number;
            /** Name */
            name: string;
            /** Description */
            description: string;
            /**
             * Status
             * @description draft, active or inactive (paused)
             * @enum {string}
             */
            status: "draft" | "active" | "inactive";
            /**
             * Reentry
             * @enum {string}
             */
            reentry: "once" | "not_concurrent" | "always";
            /**
             * Revision
             * @description The latest saved revision (send it in If-Match).
             */
            revision: number;
            /** Published Revision */
            published_revision: number | null;
            /** Has Unpublished Changes */
            has_unpublished_changes: boolean;
            /** Run Count */
            run_count: number;
            /** Last Run At */
            last_run_at: string | null;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /**
             * Updated At
             * Format: date-time
             */
            updated_at: string;
            /** Activated At */
            activated_at: string | null;
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
    login_api_auth_login_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LoginIn"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Login"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    logout_api_auth_logout_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Ok"];
                };
            };
        };
    };
    me_api_me_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Me"];
                };
            };
        };
    };
    list_accounts_api_accounts_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ItemList_Account_"];
                };
            };
        };
    };
    create_account_api_accounts_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AccountIn"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AccountCreated"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    get_account_api_accounts__account_id__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                account_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Account"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    delete_account_api_accounts__account_id__delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                account_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Active workflows still use the account. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    list_tags_api_tags_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ItemList_Tag_"];
                };
            };
        };
    };
    create_tag_api_tags_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TagIn"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Tag"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    delete_tag_api_tags__tag_id__delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                tag_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    list_friends_api_friends_get: {
        parameters: {
            query?: {
                account_id?: number | null;
                tag_id?: number | null;
                status?: string | null;
                q?: string | null;
                limit?: number;
                offset?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Page_Friend_"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    get_friend_api_friends__friend_id__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                friend_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FriendDetail"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    list_auto_messages_api_auto_messages_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ItemList_AutoMessage_"];
                };
            };
        };
    };
    create_auto_message_api_auto_messages_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AutoMessageIn"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AutoMessage"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    get_auto_message_api_auto_messages__message_id__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                message_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AutoMessage"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    update_auto_message_api_auto_messages__message_id__put: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                message_id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AutoMessageIn"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AutoMessage"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    delete_auto_message_api_auto_messages__message_id__delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                message_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    rich_menu_schema_api_rich_menus_schema_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    list_rich_menus_api_rich_menus_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ItemList_RichMenu_"];
                };
            };
        };
    };
    create_rich_menu_api_rich_menus_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RichMenuIn"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RichMenuCreated"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    delete_rich_menu_api_rich_menus__menu_id__delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                menu_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    list_qr_codes_api_qr_codes_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ItemList_QrCode_"];
                };
            };
        };
    };
    create_qr_code_api_qr_codes_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["QrCodeIn"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["QrCode"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    get_catalog_api_catalog_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Catalog"];
                };
            };
        };
    };
    list_templates_api_templates_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Template"][];
                };
            };
        };
    };
    duplicate_api_workflows__workflow_id__duplicate_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workflow_id: number;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["DuplicateIn"] | null;
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Workflow"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    export_api_workflows__workflow_id__export_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workflow_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WorkflowExport"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    import_workflow_api_workflows_import_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WorkflowImported"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    list_revisions_api_workflows__workflow_id__revisions_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workflow_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ItemList_RevisionSummary_"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    diff_revisions_api_workflows__workflow_id__revisions_diff_get: {
        parameters: {
            query?: {
                from?: number | null;
                to?: number | null;
            };
            header?: never;
            path: {
                workflow_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RevisionDiff"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    restore_revision_api_workflows__workflow_id__revisions__number__restore_post: {
        parameters: {
            query?: never;
            header?: {
                "If-Match"?: string | null;
            };
            path: {
                workflow_id: number;
                number: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Workflow"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    list_workflows_api_workflows_get: {
        parameters: {
            query?: {
                q?: string | null;
                status?: string | null;
                limit?: number;
                offset?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Page_WorkflowSummary_"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    create_workflow_api_workflows_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WorkflowCreate"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Workflow"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    get_workflow_api_workflows__workflow_id__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workflow_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Workflow"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    save_workflow_api_workflows__workflow_id__put: {
        parameters: {
            query?: never;
            header?: {
                "If-Match"?: string | null;
            };
            path: {
                workflow_id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WorkflowSave"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Workflow"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    delete_workflow_api_workflows__workflow_id__delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workflow_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    get_revision_api_workflows__workflow_id__revisions__number__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workflow_id: number;
                number: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Revision"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    validation_api_workflows__workflow_id__validation_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workflow_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Validation"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    validate_draft_api_workflows__workflow_id__validation_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workflow_id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DraftIn"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Validation"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    activate_api_workflows__workflow_id__activate_post: {
        parameters: {
            query?: never;
            header?: {
                "If-Match"?: string | null;
            };
            path: {
                workflow_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Workflow"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    pause_api_workflows__workflow_id__pause_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workflow_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Workflow"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    list_audit_api_audit_get: {
        parameters: {
            query?: {
                target_type?: string | null;
                target_id?: number | null;
                action?: string | null;
                /** @description The e-mail of who acted. */
                actor?: string | null;
                limit?: number;
                offset?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Page_AuditEvent_"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    list_actors_api_audit_actors_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ItemList_str_"];
                };
            };
        };
    };
    list_executions_api_workflows__workflow_id__executions_get: {
        parameters: {
            query?: {
                status?: string | null;
                limit?: number;
                offset?: number;
            };
            header?: never;
            path: {
                workflow_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExecutionPage"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    get_execution_api_executions__run_id__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                run_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RunDetail"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    executions_timeline_api_workflows__workflow_id__executions_timeline_get: {
        parameters: {
            query?: {
                bucket?: "hour" | "day";
                periods?: number;
                tz?: string;
            };
            header?: never;
            path: {
                workflow_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Timeline"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    commerce_webhook_webhooks_commerce__account_id__post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                account_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CommerceStored"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    open_qr_q__code__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                code: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    healthz_healthz_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Status"];
                };
            };
        };
    };
    livez_livez_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Status"];
                };
            };
        };
    };
    readyz_readyz_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Readiness"];
                };
            };
        };
    };
    metrics_endpoint_metrics_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/plain": string;
                };
            };
        };
    };
    create_conversation_api_agent_conversations_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConversationCreated"];
                };
            };
        };
    };
    get_conversation_api_agent_conversations__conversation_id__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                conversation_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Conversation"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    send_message_api_agent_conversations__conversation_id__messages_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                conversation_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MessageIn"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Turn"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    approve_api_agent_conversations__conversation_id__approve_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                conversation_id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["ApproveIn"] | null;
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Approved"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    discard_api_agent_conversations__conversation_id__discard_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                conversation_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Turn"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    list_tokens_api_tokens_get: {
        parameters: {
            query?: {
                include_revoked?: boolean;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ItemList_ApiToken_"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    create_token_api_tokens_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TokenIn"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiTokenCreated"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    revoke_api_tokens__token_id__delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                token_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    list_faq_api_faq_get: {
        parameters: {
            query?: {
                account_id?: number | null;
                q?: string | null;
                limit?: number;
                offset?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Page_FaqEntry_"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    create_faq_api_faq_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["FaqIn"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FaqEntry"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    get_faq_api_faq__entry_id__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                entry_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FaqEntry"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    update_faq_api_faq__entry_id__put: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                entry_id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["FaqIn"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FaqEntry"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    delete_faq_api_faq__entry_id__delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                entry_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    preview_api_faq_preview_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PreviewIn"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FaqPreview"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    friend_conversations_api_friends__friend_id__conversations_get: {
        parameters: {
            query?: {
                limit?: number;
                offset?: number;
            };
            header?: never;
            path: {
                friend_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Page_AgentSessionWithMessages_"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    list_conversations_api_conversations_get: {
        parameters: {
            query?: {
                status?: string | null;
                end_reason?: string | null;
                limit?: number;
                offset?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Page_AgentSession_"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    list_integrations_api_integrations_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IntegrationList"];
                };
            };
        };
    };
    connect_api_integrations_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["IntegrationIn"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Integration"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    get_integration_api_integrations__ref__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                ref: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Integration"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    disconnect_api_integrations__ref__delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                ref: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    test_key_api_integrations__ref__test_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                ref: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KeyCheck"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    act_api_try_it__account_id___action__post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                account_id: number;
                action: "follow" | "message" | "postback" | "unfollow" | "video_complete";
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["TryItIn"] | null;
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TryItResult"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    messages_api_try_it__account_id__messages_get: {
        parameters: {
            query?: {
                user_id?: string | null;
            };
            header?: never;
            path: {
                account_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ItemList_SentMessage_"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    list_dead_letters_api_dead_letters_get: {
        parameters: {
            query?: {
                account_id?: number | null;
                limit?: number;
                offset?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Page_DeadLetter_"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    get_dead_letter_api_dead_letters__event_id__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                event_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DeadLetterDetail"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    retry_dead_letter_api_dead_letters__event_id__retry_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                event_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DeadLetter"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
}
